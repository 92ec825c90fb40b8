namespace ProxmoxMcp.Hosting;

/// <summary>The kinds of proxmox:// resources.</summary>
public enum ResourceUriKind
{
    ClusterResources,
    ClusterTasks,
    NodeStatus,
    Storage,
    GuestConfig,
    Task,
}
