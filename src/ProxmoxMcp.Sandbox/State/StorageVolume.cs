namespace ProxmoxMcp.Sandbox.State;

/// <summary>A volume on a storage: an ISO, a container template, a backup, or a guest disk.</summary>
public sealed record StorageVolume(string Node, string Storage, string VolId, string Content, string Format, long Size, int? Vmid, DateTimeOffset Created, string? Notes = null);
