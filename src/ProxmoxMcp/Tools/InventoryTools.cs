using ProxmoxMcp.Api;
using ProxmoxMcp.Tools.Results;

namespace ProxmoxMcp.Tools;

/// <summary>Tier A: tools that read the cluster and change nothing.</summary>
public sealed class InventoryTools(IProxmoxApi api)
{
    private const double Mib = 1024 * 1024;

    /// <summary>
    /// List the nodes of the Proxmox cluster with their status, CPU, memory and uptime.
    /// Start here to learn node names; offline nodes are listed, not hidden.
    /// </summary>
    [ProxmoxTool("list_nodes", ToolTier.Read)]
    public async Task<NodeList> ListNodes(CancellationToken cancellationToken)
    {
        var nodes = await api.GetAsync("/nodes", cancellationToken: cancellationToken).ConfigureAwait(false);
        var summaries = nodes.Items()
            .Select(n => new NodeSummary(
                n.String("node") ?? "?",
                n.String("status") ?? "unknown",
                n.Double("cpu") is { } cpu ? Math.Round(cpu * 100, 1) : null,
                (int?)n.Int64("maxcpu"),
                n.Int64("mem") is { } mem ? (long)Math.Round(mem / Mib) : null,
                n.Int64("maxmem") is { } maxMem ? (long)Math.Round(maxMem / Mib) : null,
                n.Int64("uptime")))
            .OrderBy(n => n.Node, StringComparer.Ordinal)
            .ToList();
        return new NodeList(summaries, summaries.Where(n => n.Status != "online").Select(n => n.Node).ToList());
    }
}
