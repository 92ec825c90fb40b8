namespace ProxmoxMcp.Tools.Results;

/// <summary>One aspect of one guest; only that aspect's members are present.</summary>
/// <param name="Vmid">The guest.</param>
/// <param name="Type">vm or container.</param>
/// <param name="Node">Where it runs.</param>
/// <param name="Name">Its name.</param>
/// <param name="Aspect">What was read.</param>
/// <param name="Hint">What the answer leaves out, or where to look next.</param>
/// <param name="FirewallOptions">The guest firewall's options (enable, policy_in, ...).</param>
/// <param name="FirewallRules">Its rules, in order.</param>
/// <param name="IpSets">Its IP sets.</param>
/// <param name="Os">The OS the guest agent reports.</param>
/// <param name="Kernel">The kernel it reports.</param>
/// <param name="FileSystems">File systems with usage.</param>
/// <param name="Users">Logged-in users.</param>
/// <param name="Timeframe">hour or day.</param>
/// <param name="Samples">How many samples the metrics summarise.</param>
/// <param name="Metrics">CPU, memory, disk and network over the timeframe.</param>
/// <param name="Pending">Changes waiting for a restart.</param>
public sealed record GuestDetailsReport(
    int Vmid,
    GuestKind Type,
    string Node,
    string Name,
    GuestAspect Aspect,
    string? Hint = null,
    IReadOnlyDictionary<string, string>? FirewallOptions = null,
    IReadOnlyList<FirewallRuleReport>? FirewallRules = null,
    IReadOnlyList<IpSetReport>? IpSets = null,
    string? Os = null,
    string? Kernel = null,
    IReadOnlyList<GuestFileSystem>? FileSystems = null,
    IReadOnlyList<GuestUser>? Users = null,
    RrdTimeframe? Timeframe = null,
    int? Samples = null,
    IReadOnlyList<RrdMetric>? Metrics = null,
    IReadOnlyList<PendingChange>? Pending = null);
