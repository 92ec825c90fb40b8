namespace ProxmoxMcp.Tools.Results;

/// <summary>A Ceph OSD.</summary>
public sealed record CephOsdReport(string Id, string? Host, bool Up, bool In, double? UsedPercent, string? DeviceClass);
