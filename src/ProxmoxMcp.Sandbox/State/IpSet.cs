namespace ProxmoxMcp.Sandbox.State;

/// <summary>A firewall IP set with its entries.</summary>
public sealed record IpSet(string Name, string? Comment, IReadOnlyList<(string Cidr, string? Comment, bool NoMatch)> Entries);
