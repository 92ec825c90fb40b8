namespace ProxmoxMcp.Tools.Results;

/// <summary>An SDN vnet.</summary>
/// <param name="Vnet">The vnet (usable as a bridge).</param>
/// <param name="Zone">Its zone.</param>
/// <param name="Tag">VLAN tag or VNI.</param>
/// <param name="Alias">Its alias.</param>
public sealed record SdnVnetReport(string Vnet, string? Zone, int? Tag, string? Alias);
