namespace ProxmoxMcp.Tools.Results;

/// <summary>One option before and after.</summary>
/// <param name="Key">The option.</param>
/// <param name="Before">Its value before (absent: it was not set).</param>
/// <param name="After">Its value now.</param>
public sealed record ConfigChange(string Key, string? Before, string After);
