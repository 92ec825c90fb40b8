namespace ProxmoxMcp.Tools.Results;

/// <summary>One check cluster_health ran.</summary>
/// <param name="Name">The check.</param>
/// <param name="Outcome">ok, problems, skipped (not applicable here) or failed (could not be read).</param>
/// <param name="Findings">How many problems it found (also those beyond the listed ones).</param>
/// <param name="Note">What it covered, or why it was skipped or failed.</param>
public sealed record HealthCheck(string Name, CheckOutcome Outcome, int Findings, string? Note = null);
