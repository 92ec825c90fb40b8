namespace ProxmoxMcp.Tools.Results;

/// <summary>One aspect of the cluster; only that aspect's members are present.</summary>
/// <param name="Aspect">What was read.</param>
/// <param name="Total">How many items the main list had before the limit.</param>
/// <param name="Truncated">True when the limit cut a list.</param>
/// <param name="Hint">How to see more, or what the answer leaves out.</param>
/// <param name="ClusterName">The cluster's name (absent on a single node without a cluster).</param>
/// <param name="Quorate">Whether the cluster has quorum.</param>
/// <param name="Nodes">Members, online or not, with their versions.</param>
/// <param name="Log">Cluster log lines, newest first.</param>
/// <param name="HaManager">The HA manager's node and state.</param>
/// <param name="HaResources">Guests under HA.</param>
/// <param name="CephHealth">HEALTH_OK, HEALTH_WARN or HEALTH_ERR.</param>
/// <param name="CephChecks">Active Ceph health checks.</param>
/// <param name="Osds">Ceph OSDs.</param>
/// <param name="CephPools">Ceph pools.</param>
/// <param name="Replication">Replication jobs and their last sync.</param>
/// <param name="BackupJobs">Scheduled backup jobs.</param>
/// <param name="NotInBackupJobs">Guests no enabled backup job covers.</param>
/// <param name="Pools">Resource pools.</param>
/// <param name="SdnZones">SDN zones.</param>
/// <param name="SdnVnets">SDN vnets.</param>
/// <param name="SdnSubnets">SDN subnets.</param>
/// <param name="Users">Users.</param>
/// <param name="Tokens">API tokens with expiry and privilege separation.</param>
/// <param name="Acls">ACL entries.</param>
/// <param name="FirewallOptions">Cluster firewall options (enable, policy_in, policy_out, ...).</param>
/// <param name="FirewallRules">Cluster firewall rules, in order.</param>
public sealed record ClusterOverviewReport(
    ClusterAspect Aspect,
    int Total,
    bool Truncated,
    string? Hint = null,
    string? ClusterName = null,
    bool? Quorate = null,
    IReadOnlyList<ClusterNodeReport>? Nodes = null,
    IReadOnlyList<ClusterLogLine>? Log = null,
    string? HaManager = null,
    IReadOnlyList<HaResourceReport>? HaResources = null,
    string? CephHealth = null,
    IReadOnlyList<string>? CephChecks = null,
    IReadOnlyList<CephOsdReport>? Osds = null,
    IReadOnlyList<CephPoolReport>? CephPools = null,
    IReadOnlyList<ReplicationReport>? Replication = null,
    IReadOnlyList<BackupJobReport>? BackupJobs = null,
    IReadOnlyList<GuestRef>? NotInBackupJobs = null,
    IReadOnlyList<PoolReport>? Pools = null,
    IReadOnlyList<SdnZoneReport>? SdnZones = null,
    IReadOnlyList<SdnVnetReport>? SdnVnets = null,
    IReadOnlyList<SdnSubnetReport>? SdnSubnets = null,
    IReadOnlyList<UserReport>? Users = null,
    IReadOnlyList<TokenReport>? Tokens = null,
    IReadOnlyList<AclReport>? Acls = null,
    IReadOnlyDictionary<string, string>? FirewallOptions = null,
    IReadOnlyList<FirewallRuleReport>? FirewallRules = null);
