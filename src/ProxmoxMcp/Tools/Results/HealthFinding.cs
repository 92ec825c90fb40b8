namespace ProxmoxMcp.Tools.Results;

/// <summary>One problem cluster_health found.</summary>
public sealed record HealthFinding(FindingSeverity Severity, string Check, string Subject, string Message, string Next, string? Node = null, int? Vmid = null);
