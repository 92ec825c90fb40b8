namespace ProxmoxMcp.Tools.Results;

/// <summary>One cluster node as list_nodes shows it.</summary>
public sealed record NodeSummary(
    string Node,
    string Status,
    double? CpuPercent,
    int? Cores,
    long? MemoryUsedMib,
    long? MemoryTotalMib,
    long? UptimeSeconds);
