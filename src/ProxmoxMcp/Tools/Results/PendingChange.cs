namespace ProxmoxMcp.Tools.Results;

/// <summary>A configuration change waiting for the guest's next restart.</summary>
/// <param name="Key">The option.</param>
/// <param name="Current">Its value now (absent: not set).</param>
/// <param name="Pending">Its value after the restart (absent when it is to be removed).</param>
/// <param name="Removal">True when the option is to be removed.</param>
public sealed record PendingChange(string Key, string? Current, string? Pending, bool Removal);
