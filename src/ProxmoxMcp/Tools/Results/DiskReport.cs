namespace ProxmoxMcp.Tools.Results;

/// <summary>A physical disk of a node.</summary>
public sealed record DiskReport(string Device, string? Model, string? Type, double? SizeGib, string? Health, int? LifeLeftPercent, string? Used);
