namespace ProxmoxMcp.Tools.Results;

/// <summary>The command an exec tool would run.</summary>
public sealed record ExecPreview(string Guest, string User, IReadOnlyList<string> Argv, int TimeLimitSeconds, string Via, bool Allowed, string? NotAllowedBecause);
