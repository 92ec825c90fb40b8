namespace ProxmoxMcp.Tools.Results;

/// <summary>A cluster member.</summary>
/// <param name="Name">The node.</param>
/// <param name="Online">Whether the cluster sees it.</param>
/// <param name="NodeId">Its corosync node id.</param>
/// <param name="Ip">Its cluster address.</param>
/// <param name="Version">Its pve-manager version (online nodes).</param>
public sealed record ClusterNodeReport(string Name, bool Online, int? NodeId, string? Ip, string? Version);
