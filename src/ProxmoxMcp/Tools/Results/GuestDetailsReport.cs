namespace ProxmoxMcp.Tools.Results;

/// <summary>One aspect of one guest; only that aspect's members are present.</summary>
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
