namespace ProxmoxMcp.Tools.Results;

/// <summary>A guest, named.</summary>
/// <param name="Vmid">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">qemu or lxc.</param>
public sealed record GuestRef(int Vmid, string? Name, string? Type);
