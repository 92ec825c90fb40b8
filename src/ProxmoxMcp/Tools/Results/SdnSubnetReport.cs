namespace ProxmoxMcp.Tools.Results;

/// <summary>A subnet of an SDN vnet.</summary>
/// <param name="Vnet">Its vnet.</param>
/// <param name="Cidr">The subnet.</param>
/// <param name="Gateway">Its gateway.</param>
/// <param name="Snat">Whether outgoing traffic is source-NATed.</param>
public sealed record SdnSubnetReport(string Vnet, string Cidr, string? Gateway, bool Snat);
