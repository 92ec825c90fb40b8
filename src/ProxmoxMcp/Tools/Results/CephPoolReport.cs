namespace ProxmoxMcp.Tools.Results;

/// <summary>A Ceph pool.</summary>
/// <param name="Name">The pool.</param>
/// <param name="Size">Replicas.</param>
/// <param name="MinSize">Replicas needed for I/O.</param>
/// <param name="PgNum">Placement groups.</param>
/// <param name="UsedGib">Stored data in GiB.</param>
/// <param name="UsedPercent">How full, in percent.</param>
public sealed record CephPoolReport(string Name, int? Size, int? MinSize, int? PgNum, double? UsedGib, double? UsedPercent);
