namespace ProxmoxMcp.Tools.Results;

/// <summary>A configuration change waiting for the guest's next restart.</summary>
public sealed record PendingChange(string Key, string? Current, string? Pending, bool Removal);
