using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tasks;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>Tier A: tools that read the cluster and change nothing. Nodes and the cluster overview here; guests, storage and tasks in the other parts.</summary>
public sealed partial class InventoryTools(IProxmoxApi api, GuestLocator locator, TaskTracker tracker, Safety.DestructivePolicy policy)
{
    /// <summary>
    /// List the cluster's nodes with status, CPU, memory and uptime. Start here.
    /// </summary>
    [ProxmoxTool("list_nodes", ToolTier.Read)]
    public async Task<NodeList> ListNodes(CancellationToken cancellationToken)
    {
        var nodes = await api.GetAsync("/nodes", cancellationToken: cancellationToken).ConfigureAwait(false);
        var summaries = nodes.Items()
            .Select(n => new NodeSummary(
                n.String("node") ?? "?",
                n.String("status") ?? "unknown",
                Units.Percent(n.Double("cpu")),
                (int?)n.Int64("maxcpu"),
                Units.Mib(n.Int64("mem")),
                Units.Mib(n.Int64("maxmem")),
                n.Int64("uptime")))
            .OrderBy(n => n.Node, StringComparer.Ordinal)
            .ToList();
        return new NodeList(summaries, summaries.Where(n => n.Status != "online").Select(n => n.Node).ToList());
    }

    /// <summary>
    /// One node in detail: CPU, load, memory, disk, versions, guest count.
    /// </summary>
    /// <param name="node">The node.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("node_status", ToolTier.Read)]
    public async Task<NodeDetails> NodeStatus([RegularExpression(ToolPatterns.Node)] string node, CancellationToken cancellationToken)
    {
        var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        RequireOnline(snapshot, node);
        var status = await api.GetAsync(ApiPath.Build("nodes", node, "status"), cancellationToken: cancellationToken).ConfigureAwait(false);
        var cpuInfo = status.TryGetProperty("cpuinfo", out var c) ? c : default;
        var memory = status.TryGetProperty("memory", out var m) ? m : default;
        var swap = status.TryGetProperty("swap", out var s) ? s : default;
        var root = status.TryGetProperty("rootfs", out var r) ? r : default;
        var load = status.TryGetProperty("loadavg", out var l) && l.ValueKind == JsonValueKind.Array
            ? l.EnumerateArray().Select(v => double.TryParse(v.ToString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0).ToList()
            : [];
        return new NodeDetails(
            node,
            Units.Percent(status.Double("cpu")),
            (int?)cpuInfo.Int64("cpus"),
            cpuInfo.String("model"),
            load,
            Units.Mib(memory.Int64("used")),
            Units.Mib(memory.Int64("total")),
            Units.Mib(swap.Int64("used")),
            Units.Gib(root.Int64("used")),
            Units.Gib(root.Int64("total")),
            status.Int64("uptime"),
            status.String("pveversion"),
            status.String("kversion"),
            snapshot.Guests.Count(g => g.Node == node && g.Status == "running"));
    }

    /// <summary>
    /// Everything in one call: nodes, VMs, containers, storages with status and usage. Filter to keep it small.
    /// </summary>
    /// <param name="type">Only this kind.</param>
    /// <param name="node">Only this node.</param>
    /// <param name="status">Only guests in this state.</param>
    /// <param name="limit">Most to list.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("cluster_resources", ToolTier.Read)]
    public async Task<ClusterOverview> ClusterResources(
        ResourceType? type = null,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        GuestStatusFilter? status = null,
        [Range(1, 5000)] int limit = 200,
        CancellationToken cancellationToken = default)
    {
        var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        var resources = new List<ClusterResource>();
        if (status is null && type is null or ResourceType.Node)
        {
            resources.AddRange(snapshot.Nodes.Select(n => new ClusterResource(
                "node", $"node/{n.Name}", n.Name, n.Name, n.Online ? "online" : "offline", null,
                Units.Percent(n.Raw.Double("cpu")), Units.Mib(n.Raw.Int64("mem")), Units.Mib(n.Raw.Int64("maxmem")),
                Units.Gib(n.Raw.Int64("disk")), Units.Gib(n.Raw.Int64("maxdisk")), null)));
        }
        if (type is null or ResourceType.Vm or ResourceType.Container)
        {
            resources.AddRange(snapshot.Guests
                .Where(g => type is null || (type == ResourceType.Vm) == (g.Kind == GuestKind.Vm))
                .Where(g => status is null || Matches(g, status.Value))
                .Select(g => new ClusterResource(
                    g.Kind == GuestKind.Vm ? "vm" : "container", $"{g.ApiKind}/{g.Vmid}", g.Name, g.Node, g.Status, g.Vmid,
                    Units.Percent(g.Raw.Double("cpu")), Units.Mib(g.Raw.Int64("mem")), Units.Mib(g.Raw.Int64("maxmem")),
                    Units.Gib(g.Raw.Int64("disk")), Units.Gib(g.Raw.Int64("maxdisk")), g.Tags)));
        }
        if (status is null && type is null or ResourceType.Storage)
        {
            resources.AddRange(snapshot.Storages.Select(s => new ClusterResource(
                "storage", s.String("id") ?? string.Empty, s.String("storage") ?? string.Empty, s.String("node") ?? string.Empty, s.String("status") ?? "unknown", null,
                null, null, null, Units.Gib(s.Int64("disk")), Units.Gib(s.Int64("maxdisk")), null)));
        }
        var matching = resources.Where(r => node is null || r.Node == node).ToList();
        return new ClusterOverview(matching.Take(limit).ToList(), matching.Count, matching.Count > limit, snapshot.OfflineNodes);
    }

    /// <summary>
    /// The lowest free vmid, not reserved (allocate_vmid reserves one).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("next_vmid", ToolTier.Read)]
    public async Task<NextVmid> NextVmidAsync(CancellationToken cancellationToken)
    {
        var next = await api.GetAsync("/cluster/nextid", cancellationToken: cancellationToken).ConfigureAwait(false);
        return int.TryParse(next.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var vmid)
            ? new NextVmid(vmid)
            : throw new ProxmoxApiException(200, $"Proxmox answered /cluster/nextid with '{next}', which is not a vmid.", string.Empty, new Dictionary<string, string>());
    }

    private static void RequireOnline(ClusterSnapshot snapshot, string node)
    {
        var found = snapshot.Nodes.FirstOrDefault(n => n.Name == node)
            ?? throw new ToolInputException($"There is no node named '{node}' in this cluster (nodes: {string.Join(", ", snapshot.Nodes.Select(n => n.Name))}).");
        if (!found.Online)
        {
            throw new ToolInputException($"Node {node} is offline; its details cannot be read until it is back (list_nodes shows which nodes are online).");
        }
    }

    private static bool Matches(GuestInfo guest, GuestStatusFilter filter) => filter switch
    {
        GuestStatusFilter.Running => guest.Status == "running",
        GuestStatusFilter.Stopped => guest.Status == "stopped",
        _ => guest.Status is not ("running" or "stopped"),
    };
}
