namespace ProxmoxMcp.Tools.Results;

/// <summary>One guest in a listing.</summary>
/// <param name="Vmid">The guest id.</param>
/// <param name="Name">The VM name or container host name.</param>
/// <param name="Type">vm or container.</param>
/// <param name="Node">The node it runs on.</param>
/// <param name="Status">running, stopped, or unknown when its node is offline.</param>
/// <param name="CpuPercent">CPU use in percent of its cores.</param>
/// <param name="Cores">Virtual CPUs.</param>
/// <param name="MemoryUsedMib">Memory in use, MiB.</param>
/// <param name="MemoryMaxMib">Memory assigned, MiB.</param>
/// <param name="DiskGib">Disk space assigned, GiB.</param>
/// <param name="UptimeSeconds">Seconds since start.</param>
/// <param name="Tags">Proxmox tags.</param>
/// <param name="Template">True for a template (clone it; it cannot be started).</param>
/// <param name="Pool">The resource pool.</param>
/// <param name="Lock">A lock held by a running operation (create, clone, backup, ...).</param>
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
