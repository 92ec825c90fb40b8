namespace ProxmoxMcp.Tools.Results;

/// <summary>The live state of one guest.</summary>
/// <param name="Vmid">The guest id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">vm or container.</param>
/// <param name="Node">The node it runs on.</param>
/// <param name="Status">running or stopped.</param>
/// <param name="Paused">True for a suspended VM (resume it with resume_vm).</param>
/// <param name="CpuPercent">CPU use in percent of its cores.</param>
/// <param name="Cores">Virtual CPUs.</param>
/// <param name="MemoryUsedMib">Memory in use, MiB.</param>
/// <param name="MemoryMaxMib">Memory assigned, MiB.</param>
/// <param name="DiskGib">Disk space assigned, GiB.</param>
/// <param name="UptimeSeconds">Seconds since start.</param>
/// <param name="GuestAgent">For VMs: whether the QEMU guest agent is configured.</param>
/// <param name="Template">True for a template.</param>
/// <param name="Lock">A lock held by a running operation.</param>
/// <param name="Tags">Proxmox tags.</param>
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
