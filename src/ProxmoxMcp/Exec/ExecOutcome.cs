namespace ProxmoxMcp.Exec;

/// <summary>What a command did: exit code (null when it was ended by the timeout), output and time.</summary>
public sealed record ExecOutcome(int? ExitCode, bool TimedOut, string Stdout, bool StdoutTruncated, string Stderr, bool StderrTruncated, TimeSpan Duration);
