namespace ProxmoxMcp.Tools.Results;

/// <summary>One line of the cluster log.</summary>
public sealed record ClusterLogLine(DateTimeOffset? Time, string? Node, string? User, string? Tag, string? Priority, string Message);
