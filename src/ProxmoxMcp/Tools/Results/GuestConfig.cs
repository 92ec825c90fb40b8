namespace ProxmoxMcp.Tools.Results;

/// <summary>A guest's configuration as Proxmox stores it.</summary>
public sealed record GuestConfig(int Vmid, GuestKind Type, string Node, string Digest, IReadOnlyDictionary<string, string> Options);
