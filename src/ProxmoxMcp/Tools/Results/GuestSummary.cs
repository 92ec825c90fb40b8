namespace ProxmoxMcp.Tools.Results;

/// <summary>One guest in a listing.</summary>
public sealed record GuestSummary(
    int Vmid,
    string Name,
    GuestKind Type,
    string Node,
    string Status,
    double? CpuPercent,
    int? Cores,
    long? MemoryUsedMib,
    long? MemoryMaxMib,
    double? DiskGib,
    long? UptimeSeconds,
    IReadOnlyList<string> Tags,
    bool Template,
    string? Pool,
    string? Lock);
