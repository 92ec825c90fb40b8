namespace ProxmoxMcp.Sandbox.State;

/// <summary>One line of the cluster log (Datacenter > Cluster log).</summary>
public sealed record ClusterLogEntry(DateTimeOffset Time, string Node, string User, string Tag, int Priority, string Message);
