namespace ProxmoxMcp.Sandbox.State;

/// <summary>A subnet of an SDN vnet.</summary>
public sealed record SdnSubnet(string Vnet, string Cidr, string? Gateway = null, bool Snat = false);
