namespace ProxmoxMcp.Tools.Results;

/// <summary>A physical disk of a node.</summary>
/// <param name="Device">The device path.</param>
/// <param name="Model">The model.</param>
/// <param name="Type">ssd, hdd, nvme, usb, ...</param>
/// <param name="SizeGib">Size in GiB.</param>
/// <param name="Health">SMART health (PASSED, OK, FAILED, UNKNOWN).</param>
/// <param name="LifeLeftPercent">SSD wear: percent of rated life left.</param>
/// <param name="Used">What uses it (LVM, ZFS, partitions, ...).</param>
public sealed record DiskReport(string Device, string? Model, string? Type, double? SizeGib, string? Health, int? LifeLeftPercent, string? Used);
