namespace ProxmoxMcp.Configuration;

/// <summary>
/// PROXMOX_SNAPSHOT_BEFORE and PROXMOX_SNAPSHOT_KEEP: which changes take a safety snapshot of the guest first
/// (configuration, disk growth, commands inside the guest; none by default), whether a guest whose storage
/// cannot take snapshots is changed anyway (best-effort) or refused, and how many of the server's safety
/// snapshots a guest may hold before further changes are refused (the server never removes one).
/// </summary>
public sealed record SnapshotRules
{
    public static SnapshotRules Off { get; } = new();

    public IReadOnlySet<SnapshotTrigger> Before { get; init; } = new HashSet<SnapshotTrigger>();

    /// <summary>Go ahead without a snapshot where the storage cannot take one (the result says so).</summary>
    public bool BestEffort { get; init; }

    public int Keep { get; init; } = 5;

    public bool IsOff => Before.Count == 0;

    /// <summary>The rules as PROXMOX_SNAPSHOT_BEFORE spells them, for messages.</summary>
    public override string ToString() => string.Join(",",
        Before.Order().Select(t => t.ToString().ToLowerInvariant()).Concat(BestEffort ? ["best-effort"] : Array.Empty<string>()));
}
