namespace ProxmoxMcp.Tools.Results;

/// <summary>A network interface of a node.</summary>
public sealed record HostInterface(string Name, string? Type, bool? Active, string? Method, string? Address, string? Address6, string? Gateway, string? Ports, string? BondMode, bool? VlanAware);
