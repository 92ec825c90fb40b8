namespace ProxmoxMcp.Tools.Results;

/// <summary>A ZFS pool of a node.</summary>
public sealed record ZfsPoolReport(string Name, string Health, double? SizeGib, double? UsedPercent, string? Status, string? Action, string? Scan, string? Errors, IReadOnlyList<string> Devices);
