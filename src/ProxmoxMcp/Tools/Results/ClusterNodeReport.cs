namespace ProxmoxMcp.Tools.Results;

/// <summary>A cluster member.</summary>
public sealed record ClusterNodeReport(string Name, bool Online, int? NodeId, string? Ip, string? Version);
