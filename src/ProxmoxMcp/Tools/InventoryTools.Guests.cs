using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>Tier A, guests: listings, status, configuration, snapshots and addresses.</summary>
public sealed partial class InventoryTools
{
    /// <summary>Configuration keys whose values are secrets: shown as "(set)", never echoed.</summary>
    private static readonly HashSet<string> SecretKeys = new(StringComparer.Ordinal) { "cipassword", "password" };

    /// <summary>
    /// List VMs with status, usage, tags and node. Filter to keep it small.
    /// </summary>
    /// <param name="node">Only this node.</param>
    /// <param name="status">Only in this state.</param>
    /// <param name="tag">Only with this tag.</param>
    /// <param name="name">Only names containing this.</param>
    /// <param name="includeTemplates">Include templates.</param>
    /// <param name="limit">Most to list.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("list_vms", ToolTier.Read)]
    public Task<GuestList> ListVms(
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        GuestStatusFilter? status = null,
        [RegularExpression(ToolPatterns.Tag)] string? tag = null,
        [RegularExpression(ToolPatterns.NameFilter)] string? name = null,
        bool includeTemplates = true,
        [Range(1, 5000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        ListGuestsAsync(GuestKind.Vm, node, status, tag, name, includeTemplates, limit, cancellationToken);

    /// <summary>
    /// List containers with status, usage, tags and node. Filter to keep it small.
    /// </summary>
    /// <param name="node">Only this node.</param>
    /// <param name="status">Only in this state.</param>
    /// <param name="tag">Only with this tag.</param>
    /// <param name="name">Only names containing this.</param>
    /// <param name="includeTemplates">Include templates.</param>
    /// <param name="limit">Most to list.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("list_containers", ToolTier.Read)]
    public Task<GuestList> ListContainers(
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        GuestStatusFilter? status = null,
        [RegularExpression(ToolPatterns.Tag)] string? tag = null,
        [RegularExpression(ToolPatterns.NameFilter)] string? name = null,
        bool includeTemplates = true,
        [Range(1, 5000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        ListGuestsAsync(GuestKind.Container, node, status, tag, name, includeTemplates, limit, cancellationToken);

    /// <summary>
    /// One VM's live state: status, CPU, memory, uptime, guest agent, lock.
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("vm_status", ToolTier.Read)]
    public Task<GuestStatus> VmStatus([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, CancellationToken cancellationToken = default) =>
        StatusAsync(vmid, node, GuestKind.Vm, cancellationToken);

    /// <summary>
    /// One container's live state: status, CPU, memory, disk, uptime, lock.
    /// </summary>
    /// <param name="vmid">The container id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("container_status", ToolTier.Read)]
    public Task<GuestStatus> ContainerStatus([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, CancellationToken cancellationToken = default) =>
        StatusAsync(vmid, node, GuestKind.Container, cancellationToken);

    /// <summary>
    /// One VM's configuration, with the digest set_vm_config checks. Passwords show as (set).
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="snapshot">A snapshot's configuration instead.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("vm_config", ToolTier.Read)]
    public Task<GuestConfig> VmConfig(
        [Range(100, 999_999_999)] int vmid,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        [RegularExpression(ToolPatterns.SnapshotName)] string? snapshot = null,
        CancellationToken cancellationToken = default) =>
        ConfigAsync(vmid, node, snapshot, GuestKind.Vm, cancellationToken);

    /// <summary>
    /// One container's configuration, with the digest set_container_config checks.
    /// </summary>
    /// <param name="vmid">The container id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="snapshot">A snapshot's configuration instead.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("container_config", ToolTier.Read)]
    public Task<GuestConfig> ContainerConfig(
        [Range(100, 999_999_999)] int vmid,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        [RegularExpression(ToolPatterns.SnapshotName)] string? snapshot = null,
        CancellationToken cancellationToken = default) =>
        ConfigAsync(vmid, node, snapshot, GuestKind.Container, cancellationToken);

    /// <summary>
    /// List a VM's or container's snapshots, oldest first.
    /// </summary>
    /// <param name="vmid">VM or container id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("list_snapshots", ToolTier.Read)]
    public async Task<SnapshotList> ListSnapshots([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, CancellationToken cancellationToken = default)
    {
        var guest = await locator.LocateAnyAsync(vmid, node, cancellationToken).ConfigureAwait(false);
        var items = await api.GetAsync(ApiPath.Build("nodes", guest.Node, guest.ApiKind, vmid, "snapshot"), cancellationToken: cancellationToken).ConfigureAwait(false);
        var snapshots = items.Items().Where(s => s.String("name") != "current")
            .Select(s => new SnapshotInfo(s.String("name") ?? "?", s.String("description")?.Trim() ?? string.Empty, Units.FromUnix(s.Int64("snaptime")), s.String("parent"), s.Int64("vmstate") == 1))
            .OrderBy(s => s.Taken)
            .ToList();
        var current = items.Items().FirstOrDefault(s => s.String("name") == "current");
        return new SnapshotList(vmid, guest.Kind, snapshots, current.ValueKind == JsonValueKind.Object ? current.String("parent") : null);
    }

    /// <summary>
    /// A guest's IP addresses (VMs need the guest agent): where to connect after a start.
    /// </summary>
    /// <param name="vmid">VM or container id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("guest_network", ToolTier.Read)]
    public async Task<GuestNetwork> GuestNetworkAsync([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, CancellationToken cancellationToken = default)
    {
        var guest = await locator.LocateAnyAsync(vmid, node, cancellationToken).ConfigureAwait(false);
        if (guest.Status != "running")
        {
            throw new ToolInputException($"{guest.Label} ({guest.Name}) is not running (status: {guest.Status}); it has no addresses until it is started.");
        }
        if (guest.Kind == GuestKind.Container)
        {
            var interfaces = await api.GetAsync(ApiPath.Build("nodes", guest.Node, "lxc", vmid, "interfaces"), cancellationToken: cancellationToken).ConfigureAwait(false);
            return new GuestNetwork(vmid, guest.Kind, "container interfaces", interfaces.Items()
                .Where(i => i.String("name") != "lo")
                .Select(i => new NetworkInterface(i.String("name") ?? "?", i.String("hwaddr") ?? i.String("hardware-address"),
                    i.String("inet") is { } v4 ? [v4] : [], i.String("inet6") is { } v6 ? [v6] : []))
                .ToList());
        }
        JsonElement answer;
        try
        {
            answer = await api.GetAsync(ApiPath.Build("nodes", guest.Node, "qemu", vmid, "agent", "network-get-interfaces"), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ProxmoxApiException exception) when (exception.StatusCode == 500)
        {
            throw new ToolInputException(exception.ServerMessage.Contains("not configured", StringComparison.OrdinalIgnoreCase)
                ? $"VM {vmid} ({guest.Name}) has no QEMU guest agent configured, so Proxmox cannot see its addresses. Install qemu-guest-agent in the VM and enable 'agent' in its options."
                : $"VM {vmid} ({guest.Name}): {exception.ServerMessage}. Its addresses are known only through the QEMU guest agent running inside the VM.");
        }
        var result = answer.TryGetProperty("result", out var r) ? r : answer;
        return new GuestNetwork(vmid, guest.Kind, "qemu guest agent", result.Items()
            .Where(i => i.String("name") != "lo")
            .Select(i =>
            {
                var addresses = i.TryGetProperty("ip-addresses", out var list) ? list.Items().ToList() : [];
                string Format(JsonElement a) => $"{a.String("ip-address")}/{a.Int64("prefix")}";
                return new NetworkInterface(i.String("name") ?? "?", i.String("hardware-address"),
                    addresses.Where(a => a.String("ip-address-type") == "ipv4").Select(Format).ToList(),
                    addresses.Where(a => a.String("ip-address-type") == "ipv6").Select(Format).ToList());
            })
            .ToList());
    }

    private async Task<GuestList> ListGuestsAsync(GuestKind kind, string? node, GuestStatusFilter? status, string? tag, string? name, bool includeTemplates, int limit, CancellationToken cancellationToken)
    {
        var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        if (node is not null && snapshot.Nodes.All(n => n.Name != node))
        {
            throw new ToolInputException($"There is no node named '{node}' in this cluster (nodes: {string.Join(", ", snapshot.Nodes.Select(n => n.Name))}).");
        }
        var matching = snapshot.Guests
            .Where(g => g.Kind == kind)
            .Where(g => node is null || g.Node == node)
            .Where(g => status is null || Matches(g, status.Value))
            .Where(g => tag is null || g.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            .Where(g => name is null || g.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
            .Where(g => includeTemplates || !g.Template)
            .ToList();
        return new GuestList(matching.Take(limit).Select(Summarize).ToList(), matching.Count, matching.Count > limit, snapshot.OfflineNodes);
    }

    private async Task<GuestStatus> StatusAsync(int vmid, string? node, GuestKind kind, CancellationToken cancellationToken)
    {
        var guest = await locator.LocateAsync(vmid, node, kind, cancellationToken).ConfigureAwait(false);
        var status = await api.GetAsync(ApiPath.Build("nodes", guest.Node, guest.ApiKind, vmid, "status", "current"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new GuestStatus(
            vmid,
            status.String("name") ?? guest.Name,
            kind,
            guest.Node,
            status.String("status") ?? "unknown",
            status.String("qmpstatus") is "paused" or "suspended",
            Units.Percent(status.Double("cpu")),
            (int?)status.Int64("cpus"),
            Units.Mib(status.Int64("mem")),
            Units.Mib(status.Int64("maxmem")),
            Units.Gib(status.Int64("maxdisk")),
            status.Int64("uptime"),
            kind == GuestKind.Vm ? status.Int64("agent") == 1 : null,
            status.Int64("template") == 1,
            status.String("lock"),
            GuestInfo.SplitTags(status.String("tags")));
    }

    private async Task<GuestConfig> ConfigAsync(int vmid, string? node, string? snapshot, GuestKind kind, CancellationToken cancellationToken)
    {
        var guest = await locator.LocateAsync(vmid, node, kind, cancellationToken).ConfigureAwait(false);
        var query = new ProxmoxParameters().Add("snapshot", snapshot);
        var config = await api.GetAsync(ApiPath.Build("nodes", guest.Node, guest.ApiKind, vmid, "config"), query, cancellationToken).ConfigureAwait(false);
        var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in config.EnumerateObject().Where(p => p.Name != "digest"))
        {
            options[property.Name] = SecretKeys.Contains(property.Name) ? "(set)" : config.String(property.Name) ?? property.Value.GetRawText();
        }
        return new GuestConfig(vmid, kind, guest.Node, config.String("digest") ?? string.Empty, options);
    }

    private static GuestSummary Summarize(GuestInfo guest) => new(
        guest.Vmid,
        guest.Name,
        guest.Kind,
        guest.Node,
        guest.Status,
        Units.Percent(guest.Raw.Double("cpu")),
        (int?)guest.Raw.Int64("maxcpu"),
        Units.Mib(guest.Raw.Int64("mem")),
        Units.Mib(guest.Raw.Int64("maxmem")),
        Units.Gib(guest.Raw.Int64("maxdisk")),
        guest.Raw.Int64("uptime"),
        guest.Tags,
        guest.Template,
        guest.Pool,
        guest.Lock);
}
