namespace ProxmoxMcp.Tools.Results;

/// <summary>What the cluster holds.</summary>
public sealed record ClusterOverview(IReadOnlyList<ClusterResource> Resources, int Total, bool Truncated, IReadOnlyList<string> OfflineNodes);
