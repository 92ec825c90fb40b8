namespace ProxmoxMcp.Tools.Results;

/// <summary>One network interface inside a guest.</summary>
public sealed record NetworkInterface(string Name, string? Mac, IReadOnlyList<string> Ipv4, IReadOnlyList<string> Ipv6);
