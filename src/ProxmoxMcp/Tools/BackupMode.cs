namespace ProxmoxMcp.Tools;

/// <summary>How vzdump reads a running guest.</summary>
public enum BackupMode
{
    /// <summary>Live, from a snapshot: no downtime.</summary>
    Snapshot,

    /// <summary>Suspends the guest for a consistent copy.</summary>
    Suspend,

    /// <summary>Stops the guest for the backup and starts it again.</summary>
    Stop,
}
