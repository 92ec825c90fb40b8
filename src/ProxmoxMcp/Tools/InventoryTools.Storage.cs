using System.ComponentModel.DataAnnotations;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>Tier A, storage: storages, their content, and what new guests can be made from.</summary>
public sealed partial class InventoryTools
{
    /// <summary>
    /// List each online node's storages with content types, size and free space.
    /// </summary>
    /// <param name="node">Only this node.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("list_storage", ToolTier.Read)]
    public async Task<StorageList> ListStorage([RegularExpression(ToolPatterns.Node)] string? node = null, CancellationToken cancellationToken = default)
    {
        var (nodes, offline) = await OnlineNodesAsync(node, cancellationToken).ConfigureAwait(false);
        var storages = new List<StorageSummary>();
        foreach (var name in nodes)
        {
            var items = await api.GetAsync(ApiPath.Build("nodes", name, "storage"), cancellationToken: cancellationToken).ConfigureAwait(false);
            storages.AddRange(items.Items().Select(s => new StorageSummary(
                name,
                s.String("storage") ?? "?",
                s.String("type") ?? "?",
                (s.String("content") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList(),
                Units.Gib(s.Int64("total")),
                Units.Gib(s.Int64("used")),
                Units.Gib(s.Int64("avail")),
                Units.Percent(s.Double("used_fraction")),
                s.Int64("active") == 1,
                s.Int64("shared") == 1)));
        }
        return new StorageList(storages, offline);
    }

    /// <summary>
    /// What one storage holds: ISOs, templates, backups, disks.
    /// </summary>
    /// <param name="storage">Storage id, e.g. local.</param>
    /// <param name="node">Default: first online.</param>
    /// <param name="content">Only this type.</param>
    /// <param name="vmid">Only this guest's volumes.</param>
    /// <param name="limit">Most to list.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("storage_content", ToolTier.Read)]
    public async Task<StorageContent> StorageContentAsync(
        [RegularExpression(ToolPatterns.Storage)] string storage,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        ContentType? content = null,
        [Range(100, 999_999_999)] int? vmid = null,
        [Range(1, 5000)] int limit = 200,
        CancellationToken cancellationToken = default)
    {
        var (nodes, _) = await OnlineNodesAsync(node, cancellationToken).ConfigureAwait(false);
        var target = nodes.FirstOrDefault() ?? throw new ToolInputException("No node is online.");
        var query = new ProxmoxParameters().Add("content", content?.ToString().ToLowerInvariant()).Add("vmid", vmid);
        var items = await api.GetAsync(ApiPath.Build("nodes", target, "storage", storage, "content"), query, cancellationToken).ConfigureAwait(false);
        var all = items.Items().Select(i => new StorageItem(
            i.String("volid") ?? "?",
            i.String("content") ?? "?",
            i.String("format"),
            Units.MibExact(i.Int64("size")),
            (int?)i.Int64("vmid"),
            Units.FromUnix(i.Int64("ctime")),
            i.String("notes"))).ToList();
        return new StorageContent(target, storage, all.Take(limit).ToList(), all.Count, all.Count > limit);
    }

    /// <summary>
    /// What guests can be made from: container templates, ISO images, VM templates.
    /// </summary>
    /// <param name="node">Only this node.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("list_templates", ToolTier.Read)]
    public async Task<TemplateList> ListTemplates([RegularExpression(ToolPatterns.Node)] string? node = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        var (nodes, offline) = OnlineNodes(snapshot, node);
        var templates = new List<TemplateItem>();
        foreach (var name in nodes)
        {
            var storages = await api.GetAsync(ApiPath.Build("nodes", name, "storage"), new ProxmoxParameters().Add("content", "vztmpl,iso"), cancellationToken).ConfigureAwait(false);
            foreach (var storage in storages.Items().Select(s => s.String("storage")).OfType<string>())
            {
                var items = await api.GetAsync(ApiPath.Build("nodes", name, "storage", storage, "content"), cancellationToken: cancellationToken).ConfigureAwait(false);
                templates.AddRange(items.Items()
                    .Where(i => i.String("content") is "vztmpl" or "iso")
                    .Select(i => new TemplateItem(
                        i.String("content") == "vztmpl" ? "container_template" : "iso",
                        i.String("volid") ?? "?",
                        (i.String("volid") ?? "?").Split('/').Last(),
                        name,
                        Units.MibExact(i.Int64("size")))));
            }
        }
        templates.AddRange(snapshot.Guests.Where(g => g.Template && g.Kind == GuestKind.Vm && (node is null || g.Node == node))
            .Select(g => new TemplateItem("vm_template", g.Vmid.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Name, g.Node, null)));
        return new TemplateList(templates, offline);
    }

    private async Task<(IReadOnlyList<string> Nodes, IReadOnlyList<string> Offline)> OnlineNodesAsync(string? node, CancellationToken cancellationToken) =>
        OnlineNodes(await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false), node);

    private static (IReadOnlyList<string> Nodes, IReadOnlyList<string> Offline) OnlineNodes(ClusterSnapshot snapshot, string? node)
    {
        if (node is not null)
        {
            RequireOnline(snapshot, node);
            return ([node], snapshot.OfflineNodes);
        }
        return (snapshot.Nodes.Where(n => n.Online).Select(n => n.Name).ToList(), snapshot.OfflineNodes);
    }
}
