namespace ProxmoxMcp.Configuration;

/// <summary>A kind of change that PROXMOX_SNAPSHOT_BEFORE can have the server snapshot the guest before.</summary>
public enum SnapshotTrigger
{
    /// <summary>set_vm_config, set_container_config.</summary>
    Config,

    /// <summary>resize_disk.</summary>
    Resize,

    /// <summary>exec_in_vm, exec_in_container.</summary>
    Exec,
}
