namespace ProxmoxMcp.Tools.Results;

/// <summary>An SDN zone.</summary>
/// <param name="Zone">The zone.</param>
/// <param name="Type">simple, vlan, qinq, vxlan, evpn.</param>
/// <param name="Bridge">Its bridge (vlan, qinq).</param>
/// <param name="Pending">True when it has changes not yet applied.</param>
public sealed record SdnZoneReport(string Zone, string? Type, string? Bridge, bool Pending);
