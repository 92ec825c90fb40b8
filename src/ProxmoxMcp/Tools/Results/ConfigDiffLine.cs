namespace ProxmoxMcp.Tools.Results;

/// <summary>One option: its value now, a value already set that waits for the next restart (pending), and the value the change sets.</summary>
public sealed record ConfigDiffLine(string Key, string? Before, string? Pending, string? After);
