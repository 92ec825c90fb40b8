namespace ProxmoxMcp.Tools.Results;

/// <summary>One entry of the cluster overview: a node, a guest or a storage.</summary>
public sealed record ClusterResource(
    string Type,
    string Id,
    string Name,
    string Node,
    string Status,
    int? Vmid,
    double? CpuPercent,
    long? MemoryUsedMib,
    long? MemoryMaxMib,
    double? DiskUsedGib,
    double? DiskMaxGib,
    IReadOnlyList<string>? Tags);
