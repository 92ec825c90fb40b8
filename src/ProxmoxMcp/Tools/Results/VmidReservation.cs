namespace ProxmoxMcp.Tools.Results;

/// <summary>A vmid reserved for this server's next create or clone.</summary>
public sealed record VmidReservation(int Vmid, DateTimeOffset ReservedUntil);
