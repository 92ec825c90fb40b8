namespace ProxmoxMcp.Tools.Results;

/// <summary>A guest under HA.</summary>
public sealed record HaResourceReport(string Sid, string? State, string? Requested, string? Node, string? Comment);
