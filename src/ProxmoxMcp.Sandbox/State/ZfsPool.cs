namespace ProxmoxMcp.Sandbox.State;

/// <summary>A ZFS pool of a node, as zpool list and zpool status describe it.</summary>
public sealed record ZfsPool(string Name, long Size, long Allocated, string State, string Scan, string Errors, IReadOnlyList<ZfsVdev> Devices)
{
    /// <summary>zpool status's explanation when the pool is not healthy.</summary>
    public string? Status { get; init; }

    /// <summary>What zpool status recommends doing about it.</summary>
    public string? Action { get; init; }
}
