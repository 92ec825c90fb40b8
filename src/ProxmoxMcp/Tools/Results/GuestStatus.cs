namespace ProxmoxMcp.Tools.Results;

/// <summary>The live state of one guest.</summary>
public sealed record GuestStatus(
    int Vmid,
    string Name,
    GuestKind Type,
    string Node,
    string Status,
    bool Paused,
    double? CpuPercent,
    int? Cores,
    long? MemoryUsedMib,
    long? MemoryMaxMib,
    double? DiskGib,
    long? UptimeSeconds,
    bool? GuestAgent,
    bool Template,
    string? Lock,
    IReadOnlyList<string> Tags);
