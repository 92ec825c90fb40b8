namespace ProxmoxMcp.Tools.Results;

/// <summary>The nodes of the cluster.</summary>
/// <param name="Nodes">Every node, online or not.</param>
/// <param name="Offline">Names of nodes that are not online; calls to them fail until they are back.</param>
public sealed record NodeList(IReadOnlyList<NodeSummary> Nodes, IReadOnlyList<string> Offline);
