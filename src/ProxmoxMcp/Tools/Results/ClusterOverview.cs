namespace ProxmoxMcp.Tools.Results;

/// <summary>What the cluster holds.</summary>
/// <param name="Resources">Nodes, guests and storages, at most the limit.</param>
/// <param name="Total">How many matched before the limit.</param>
/// <param name="Truncated">True when more matched than were returned.</param>
/// <param name="OfflineNodes">Nodes that are offline.</param>
public sealed record ClusterOverview(IReadOnlyList<ClusterResource> Resources, int Total, bool Truncated, IReadOnlyList<string> OfflineNodes);
