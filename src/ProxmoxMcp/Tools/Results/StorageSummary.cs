namespace ProxmoxMcp.Tools.Results;

/// <summary>One storage on one node.</summary>
/// <param name="Node">The node.</param>
/// <param name="Storage">The storage id, as other tools take it.</param>
/// <param name="Type">dir, lvmthin, zfspool, nfs, ...</param>
/// <param name="Content">What it may hold: images, rootdir, iso, vztmpl, backup, snippets.</param>
/// <param name="TotalGib">Size, GiB.</param>
/// <param name="UsedGib">Used, GiB.</param>
/// <param name="AvailableGib">Free, GiB.</param>
/// <param name="UsedPercent">Used, percent.</param>
/// <param name="Active">Whether it is active on the node.</param>
/// <param name="Shared">Whether all nodes share it.</param>
public sealed record StorageSummary(string Node, string Storage, string Type, IReadOnlyList<string> Content, double? TotalGib, double? UsedGib, double? AvailableGib, double? UsedPercent, bool Active, bool Shared);
