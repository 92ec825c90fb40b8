namespace ProxmoxMcp.Tools.Results;

/// <summary>The addresses a guest has.</summary>
public sealed record GuestNetwork(int Vmid, GuestKind Type, string Source, IReadOnlyList<NetworkInterface> Interfaces);
