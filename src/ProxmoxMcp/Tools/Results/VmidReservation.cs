namespace ProxmoxMcp.Tools.Results;

/// <summary>A vmid reserved for this server's next create or clone.</summary>
/// <param name="Vmid">The reserved id.</param>
/// <param name="ReservedUntil">When the reservation lapses if unused.</param>
public sealed record VmidReservation(int Vmid, DateTimeOffset ReservedUntil);
