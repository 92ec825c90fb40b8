namespace ProxmoxMcp.Tools;

/// <summary>
/// What a tool may do to the cluster. The tier decides the MCP annotations an agent sees
/// and which tools are exposed at all (GuestExec only when the user enables it).
/// </summary>
public enum ToolTier
{
    /// <summary>Tier A: reads state, changes nothing.</summary>
    Read = 0,

    /// <summary>Tier B: reversible power state (start, stop, shutdown, reboot, suspend, resume).</summary>
    Lifecycle = 1,

    /// <summary>Tier C: additive provisioning (create, clone, configure, snapshot, backup).</summary>
    Provision = 2,

    /// <summary>Tier D': runs commands inside guests; off unless PROXMOX_ENABLE_EXEC=true.</summary>
    GuestExec = 3,
}
