namespace ProxmoxMcp.Tools.Results;

/// <summary>One network interface inside a guest.</summary>
/// <param name="Name">Interface name (eth0, ens18, ...).</param>
/// <param name="Mac">Hardware address.</param>
/// <param name="Ipv4">IPv4 addresses with prefix length.</param>
/// <param name="Ipv6">IPv6 addresses with prefix length.</param>
public sealed record NetworkInterface(string Name, string? Mac, IReadOnlyList<string> Ipv4, IReadOnlyList<string> Ipv6);
