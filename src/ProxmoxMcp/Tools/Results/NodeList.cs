namespace ProxmoxMcp.Tools.Results;

/// <summary>The nodes of the cluster.</summary>
public sealed record NodeList(IReadOnlyList<NodeSummary> Nodes, IReadOnlyList<string> Offline);
