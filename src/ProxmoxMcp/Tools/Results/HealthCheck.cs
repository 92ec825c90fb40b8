namespace ProxmoxMcp.Tools.Results;

/// <summary>One check cluster_health ran.</summary>
public sealed record HealthCheck(string Name, CheckOutcome Outcome, int Findings, string? Note = null);
