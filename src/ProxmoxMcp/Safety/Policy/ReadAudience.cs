namespace ProxmoxMcp.Safety.Policy;

/// <summary>Who may send a reviewed GET.</summary>
public enum ReadAudience
{
    /// <summary>Any tool, proxmox_api_get included: reads that need only audit privileges.</summary>
    Everyone,

    /// <summary>
    /// The tools' own reads, not proxmox_api_get: the guest agent's audit reads (they run code in the guest), the node
    /// journal (it needs Sys.Syslog, and the tool bounds it), the subscription (the answer holds the key, which the tool drops).
    /// </summary>
    Tools,

    /// <summary>Only the exec tools, and only with PROXMOX_ENABLE_EXEC=true (reading an exec status consumes it).</summary>
    GuestExec,
}
