namespace ProxmoxMcp.Tools.Results;

/// <summary>One storage on one node.</summary>
public sealed record StorageSummary(string Node, string Storage, string Type, IReadOnlyList<string> Content, double? TotalGib, double? UsedGib, double? AvailableGib, double? UsedPercent, bool Active, bool Shared);
