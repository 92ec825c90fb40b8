namespace ProxmoxMcp.Tools.Results;

/// <summary>Where a task stands.</summary>
public sealed record TaskReport(string Upid, string Node, string Type, string Status, string? ExitStatus, bool Succeeded, double WaitedSeconds, IReadOnlyList<string> Log);
