namespace ProxmoxMcp.Tools;

/// <summary>How one cluster_health check ended: nothing found, problems found, not applicable here, or could not be read.</summary>
public enum CheckOutcome
{
    Ok,
    Problems,
    Skipped,
    Failed,
}
