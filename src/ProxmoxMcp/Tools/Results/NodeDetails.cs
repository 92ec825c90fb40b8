namespace ProxmoxMcp.Tools.Results;

/// <summary>One node in detail.</summary>
public sealed record NodeDetails(
    string Node,
    double? CpuPercent,
    int? Cores,
    string? CpuModel,
    IReadOnlyList<double> LoadAverage,
    long? MemoryUsedMib,
    long? MemoryTotalMib,
    long? SwapUsedMib,
    double? RootUsedGib,
    double? RootTotalGib,
    long? UptimeSeconds,
    string? PveVersion,
    string? Kernel,
    int RunningGuests);
