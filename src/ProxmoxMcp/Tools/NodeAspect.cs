namespace ProxmoxMcp.Tools;

/// <summary>What node_diagnostics reads about a node.</summary>
public enum NodeAspect
{
    Syslog,
    Updates,
    Disks,
    Zfs,
    Network,
    Services,
    Certificates,
    Subscription,
}
