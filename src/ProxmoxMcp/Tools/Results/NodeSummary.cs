namespace ProxmoxMcp.Tools.Results;

/// <summary>One cluster node as list_nodes shows it.</summary>
/// <param name="Node">The node name, as other tools take it.</param>
/// <param name="Status">online, offline or unknown.</param>
/// <param name="CpuPercent">CPU use in percent of all cores.</param>
/// <param name="Cores">Logical CPUs.</param>
/// <param name="MemoryUsedMib">Memory in use, MiB.</param>
/// <param name="MemoryTotalMib">Memory installed, MiB.</param>
/// <param name="UptimeSeconds">Seconds since boot.</param>
public sealed record NodeSummary(
    string Node,
    string Status,
    double? CpuPercent,
    int? Cores,
    long? MemoryUsedMib,
    long? MemoryTotalMib,
    long? UptimeSeconds);
