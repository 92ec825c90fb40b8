namespace ProxmoxMcp.Tools.Results;

/// <summary>A guest's configuration as Proxmox stores it.</summary>
/// <param name="Vmid">The guest id.</param>
/// <param name="Type">vm or container.</param>
/// <param name="Node">The node it lives on.</param>
/// <param name="Digest">The configuration digest; changes whenever the configuration does.</param>
/// <param name="Options">Every option and its value (passwords shown as "(set)").</param>
public sealed record GuestConfig(int Vmid, GuestKind Type, string Node, string Digest, IReadOnlyDictionary<string, string> Options);
