namespace ProxmoxMcp.Configuration;

/// <summary>How commands reach a VM (PROXMOX_EXEC_VIA). Containers always go over SSH with pct exec.</summary>
public enum ExecTransport
{
    /// <summary>The QEMU guest agent through the Proxmox API; needs no SSH.</summary>
    Agent,

    /// <summary><c>qm guest exec</c> over SSH on the node.</summary>
    Ssh,
}
