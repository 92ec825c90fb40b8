namespace ProxmoxMcp.Tools.Results;

/// <summary>A file system inside a VM, as its guest agent reports it.</summary>
public sealed record GuestFileSystem(string Mountpoint, string? Type, double? UsedGib, double? TotalGib, double? UsedPercent);
