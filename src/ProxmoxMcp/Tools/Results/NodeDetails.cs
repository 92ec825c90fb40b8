namespace ProxmoxMcp.Tools.Results;

/// <summary>One node in detail.</summary>
/// <param name="Node">The node name.</param>
/// <param name="CpuPercent">CPU use in percent.</param>
/// <param name="Cores">Logical CPUs.</param>
/// <param name="CpuModel">The CPU model.</param>
/// <param name="LoadAverage">1, 5 and 15 minute load averages.</param>
/// <param name="MemoryUsedMib">Memory in use, MiB.</param>
/// <param name="MemoryTotalMib">Memory installed, MiB.</param>
/// <param name="SwapUsedMib">Swap in use, MiB.</param>
/// <param name="RootUsedGib">Root file system used, GiB.</param>
/// <param name="RootTotalGib">Root file system size, GiB.</param>
/// <param name="UptimeSeconds">Seconds since boot.</param>
/// <param name="PveVersion">The Proxmox VE version string.</param>
/// <param name="Kernel">The running kernel.</param>
/// <param name="RunningGuests">Guests running on this node.</param>
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
