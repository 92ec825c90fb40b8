namespace ProxmoxMcp.Tools;

/// <summary>What cluster_overview reads about the cluster.</summary>
public enum ClusterAspect
{
    Status,
    Log,
    Ha,
    Ceph,
    Replication,
    BackupJobs,
    Pools,
    Sdn,
    Access,
    Firewall,
}
