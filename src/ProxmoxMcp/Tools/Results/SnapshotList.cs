namespace ProxmoxMcp.Tools.Results;

/// <summary>A guest's snapshots, oldest first.</summary>
public sealed record SnapshotList(int Vmid, GuestKind Type, IReadOnlyList<SnapshotInfo> Snapshots, string? CurrentParent);
