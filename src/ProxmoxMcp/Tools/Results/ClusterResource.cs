namespace ProxmoxMcp.Tools.Results;

/// <summary>One entry of the cluster overview: a node, a guest or a storage.</summary>
/// <param name="Type">node, vm, container or storage.</param>
/// <param name="Id">The resource id, e.g. qemu/101, node/pve1, storage/pve1/local.</param>
/// <param name="Name">Node, guest or storage name.</param>
/// <param name="Node">The node it belongs to.</param>
/// <param name="Status">online/offline, running/stopped/unknown, available.</param>
/// <param name="Vmid">The guest id, for guests.</param>
/// <param name="CpuPercent">CPU use in percent.</param>
/// <param name="MemoryUsedMib">Memory in use, MiB.</param>
/// <param name="MemoryMaxMib">Memory available or assigned, MiB.</param>
/// <param name="DiskUsedGib">Disk used, GiB.</param>
/// <param name="DiskMaxGib">Disk size, GiB.</param>
/// <param name="Tags">Tags, for guests.</param>
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
