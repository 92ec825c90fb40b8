namespace ProxmoxMcp.Tools.Results;

/// <summary>A network interface of a node.</summary>
/// <param name="Name">The interface.</param>
/// <param name="Type">eth, bridge, bond, vlan, OVSBridge, ...</param>
/// <param name="Active">Whether it is up.</param>
/// <param name="Method">static, manual, dhcp.</param>
/// <param name="Address">IPv4 address with prefix.</param>
/// <param name="Address6">IPv6 address with prefix.</param>
/// <param name="Gateway">The gateway, if set here.</param>
/// <param name="Ports">Bridge ports or bond members.</param>
/// <param name="BondMode">The bond mode.</param>
/// <param name="VlanAware">Whether a bridge is VLAN-aware.</param>
public sealed record HostInterface(string Name, string? Type, bool? Active, string? Method, string? Address, string? Address6, string? Gateway, string? Ports, string? BondMode, bool? VlanAware);
