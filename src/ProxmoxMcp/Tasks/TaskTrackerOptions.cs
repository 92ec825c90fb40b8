namespace ProxmoxMcp.Tasks;

/// <summary>How the tracker polls: fast at first (most power tasks take a second or two), then slower.</summary>
public sealed record TaskTrackerOptions
{
    public TimeSpan FirstPollDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxPollDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the tasks behind resource subscriptions (proxmox://cluster/tasks, proxmox://tasks/UPID) are read while anyone is subscribed.</summary>
    public TimeSpan ResourceWatchInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Log lines kept in a failure outcome.</summary>
    public int LogTailLines { get; init; } = 20;
}
