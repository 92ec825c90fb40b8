namespace ProxmoxMcp.Tools.Results;

/// <summary>A Ceph pool.</summary>
public sealed record CephPoolReport(string Name, int? Size, int? MinSize, int? PgNum, double? UsedGib, double? UsedPercent);
