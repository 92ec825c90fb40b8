namespace ProxmoxMcp.Tools.Results;

/// <summary>A subnet of an SDN vnet.</summary>
public sealed record SdnSubnetReport(string Vnet, string Cidr, string? Gateway, bool Snat);
