namespace ProxmoxMcp.Tools.Results;

/// <summary>A file system inside a VM, as its guest agent reports it.</summary>
/// <param name="Mountpoint">Where it is mounted (C:\ on Windows).</param>
/// <param name="Type">ext4, xfs, NTFS, ...</param>
/// <param name="UsedGib">Used, GiB.</param>
/// <param name="TotalGib">Size, GiB.</param>
/// <param name="UsedPercent">Used, percent.</param>
public sealed record GuestFileSystem(string Mountpoint, string? Type, double? UsedGib, double? TotalGib, double? UsedPercent);
