namespace ProxmoxMcp.Tools.Results;

/// <summary>The addresses a guest has.</summary>
/// <param name="Vmid">The guest id.</param>
/// <param name="Type">vm or container.</param>
/// <param name="Source">Where the addresses come from: the QEMU guest agent or the container's interfaces.</param>
/// <param name="Interfaces">The interfaces, loopback left out.</param>
public sealed record GuestNetwork(int Vmid, GuestKind Type, string Source, IReadOnlyList<NetworkInterface> Interfaces);
