namespace ProxmoxMcp.Sandbox.State;

/// <summary>The firewall of the cluster or of one guest: options, rules in order, IP sets.</summary>
public sealed class FirewallConfig
{
    public SortedDictionary<string, string> Options { get; } = new(StringComparer.Ordinal);

    public List<FirewallRule> Rules { get; } = [];

    public List<IpSet> IpSets { get; } = [];
}
