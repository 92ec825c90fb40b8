namespace ProxmoxMcp.Tools.Results;

/// <summary>A Ceph OSD.</summary>
/// <param name="Id">osd.N.</param>
/// <param name="Host">The node it lives on.</param>
/// <param name="Up">Whether it is up.</param>
/// <param name="In">Whether it is in the data placement.</param>
/// <param name="UsedPercent">How full it is.</param>
/// <param name="DeviceClass">hdd, ssd, nvme.</param>
public sealed record CephOsdReport(string Id, string? Host, bool Up, bool In, double? UsedPercent, string? DeviceClass);
