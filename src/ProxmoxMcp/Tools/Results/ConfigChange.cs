namespace ProxmoxMcp.Tools.Results;

/// <summary>One option before and after.</summary>
public sealed record ConfigChange(string Key, string? Before, string After);
