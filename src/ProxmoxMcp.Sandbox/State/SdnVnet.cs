namespace ProxmoxMcp.Sandbox.State;

/// <summary>An SDN virtual network in a zone.</summary>
public sealed record SdnVnet(string Vnet, string Zone, int? Tag = null, string? Alias = null);
