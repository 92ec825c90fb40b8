namespace ProxmoxMcp.Tools;

/// <summary>How urgent a cluster_health finding is: critical needs action now, warning soon, info when convenient.</summary>
public enum FindingSeverity
{
    Critical,
    Warning,
    Info,
}
