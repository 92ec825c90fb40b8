namespace ProxmoxMcp.Tools.Results;

/// <summary>A guest's snapshots, oldest first.</summary>
/// <param name="Vmid">The guest id.</param>
/// <param name="Type">vm or container.</param>
/// <param name="Snapshots">The snapshots.</param>
/// <param name="CurrentParent">The snapshot the current state follows.</param>
public sealed record SnapshotList(int Vmid, GuestKind Type, IReadOnlyList<SnapshotInfo> Snapshots, string? CurrentParent);
