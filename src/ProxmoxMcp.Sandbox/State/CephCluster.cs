namespace ProxmoxMcp.Sandbox.State;

/// <summary>Ceph on the cluster (null on SandboxCluster when it is not installed, as on most homelabs).</summary>
public sealed class CephCluster
{
    /// <summary>HEALTH_OK, HEALTH_WARN or HEALTH_ERR.</summary>
    public string Health { get; set; } = "HEALTH_OK";

    /// <summary>Active health checks: code, severity (HEALTH_WARN, HEALTH_ERR) and summary message.</summary>
    public List<(string Code, string Severity, string Message)> Checks { get; } = [];

    public List<CephOsd> Osds { get; } = [];

    public List<CephPool> Pools { get; } = [];
}
