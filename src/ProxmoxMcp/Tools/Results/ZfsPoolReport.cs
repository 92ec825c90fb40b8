namespace ProxmoxMcp.Tools.Results;

/// <summary>A ZFS pool of a node.</summary>
/// <param name="Name">The pool.</param>
/// <param name="Health">ONLINE, DEGRADED, FAULTED, ...</param>
/// <param name="SizeGib">Size in GiB.</param>
/// <param name="UsedPercent">Allocated, in percent.</param>
/// <param name="Status">What zpool status says is wrong, if anything.</param>
/// <param name="Action">What zpool status recommends.</param>
/// <param name="Scan">The last or current scrub or resilver.</param>
/// <param name="Errors">Data errors.</param>
/// <param name="Devices">Devices that are not ONLINE or have read, write or checksum errors.</param>
public sealed record ZfsPoolReport(string Name, string Health, double? SizeGib, double? UsedPercent, string? Status, string? Action, string? Scan, string? Errors, IReadOnlyList<string> Devices);
