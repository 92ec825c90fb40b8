using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>node_diagnostics: one aspect of a node.</summary>
public sealed partial class DiagnosticsTools
{
    /// <summary>ZFS pools whose detailed status is read in one call.</summary>
    private const int MaxZfsDetails = 10;

    /// <summary>
    /// One aspect of a node (journal, updates, SMART, zfs, network, services, certificates, subscription), when a problem points at it.
    /// </summary>
    /// <param name="node">The node.</param>
    /// <param name="aspect">What to read.</param>
    /// <param name="since">syslog: from (30m, 2h, 1d or ISO time).</param>
    /// <param name="until">syslog: up to.</param>
    /// <param name="limit">Most lines or items.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("node_diagnostics", ToolTier.Read)]
    public async Task<NodeDiagnosticsReport> NodeDiagnostics(
        [RegularExpression(ToolPatterns.Node)] string node,
        NodeAspect aspect,
        [MaxLength(40)] string? since = null,
        [MaxLength(40)] string? until = null,
        [Range(1, 500)] int limit = 50,
        CancellationToken cancellationToken = default)
    {
        if (aspect != NodeAspect.Syslog && (since ?? until) is not null)
        {
            throw new ToolInputException($"'{(since is not null ? "since" : "until")}' applies to aspect=syslog only.");
        }
        await locator.RequireOnlineNodeAsync(node, cancellationToken).ConfigureAwait(false);
        var report = aspect switch
        {
            NodeAspect.Syslog => await SyslogAsync(node, since, until, limit, cancellationToken).ConfigureAwait(false),
            NodeAspect.Updates => await NodeUpdatesAsync(node, limit, cancellationToken).ConfigureAwait(false),
            NodeAspect.Disks => await DisksAsync(node, limit, cancellationToken).ConfigureAwait(false),
            NodeAspect.Zfs => await ZfsAsync(node, limit, cancellationToken).ConfigureAwait(false),
            NodeAspect.Network => await NetworkAsync(node, limit, cancellationToken).ConfigureAwait(false),
            NodeAspect.Services => await ServicesAsync(node, limit, cancellationToken).ConfigureAwait(false),
            NodeAspect.Certificates => await CertificatesAsync(node, limit, cancellationToken).ConfigureAwait(false),
            _ => await SubscriptionAsync(node, cancellationToken).ConfigureAwait(false),
        };
        return report is { Truncated: true, Hint: null } ? report with { Hint = MoreHint(report.Total, limit) } : report;
    }

    /// <summary>What a cut list says about the rest.</summary>
    private static string MoreHint(int total, int limit) =>
        $"{total - limit} more not shown: raise limit (at most 500).";

    [GeneratedRegex(@"^s=[0-9a-f]+;i=[0-9a-f]+;", RegexOptions.CultureInvariant)]
    private static partial Regex JournalCursor();

    private async Task<NodeDiagnosticsReport> SyslogAsync(string node, string? since, string? until, int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = new ProxmoxParameters();
        if (since is null && until is null)
        {
            query.Add("lastentries", (long)limit);
        }
        else
        {
            var from = since is null ? (DateTimeOffset?)null : TimeArgument.Parse(since, now, "since");
            var to = until is null ? (DateTimeOffset?)null : TimeArgument.Parse(until, now, "until");
            if (from > to)
            {
                throw new ToolInputException($"'since' ({from:u}) is after 'until' ({to:u}).");
            }
            query.Add("since", from?.ToUnixTimeSeconds()).Add("until", to?.ToUnixTimeSeconds());
        }
        var answer = await api.GetAsync(ApiPath.Build("nodes", node, "journal"), query, cancellationToken).ConfigureAwait(false);
        // The journal answer starts and ends with cursors, not log lines.
        var lines = answer.Items().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString() ?? string.Empty : l.GetRawText())
            .Where(l => !JournalCursor().IsMatch(l)).ToList();
        var kept = lines.TakeLast(limit).ToList();
        var hint = lines.Count > limit
            ? $"{lines.Count - limit} older lines left out: narrow since/until or raise limit (at most 500)."
            : since is null && until is null && lines.Count >= limit ? "Older lines: pass since (e.g. 2h) or raise limit." : null;
        return new NodeDiagnosticsReport(node, NodeAspect.Syslog, lines.Count, lines.Count > limit, hint, Lines: kept);
    }

    private async Task<NodeDiagnosticsReport> NodeUpdatesAsync(string node, int limit, CancellationToken cancellationToken)
    {
        var updates = Updates(await api.GetAsync(ApiPath.Build("nodes", node, "apt", "versions"), cancellationToken: cancellationToken).ConfigureAwait(false));
        return new NodeDiagnosticsReport(node, NodeAspect.Updates, updates.Count, updates.Count > limit,
            "Proxmox packages only (apt/versions, as of the node's last apt update); the full Debian update list needs Sys.Modify and is not read.",
            Updates: updates.Take(limit).ToList());
    }

    private async Task<NodeDiagnosticsReport> DisksAsync(string node, int limit, CancellationToken cancellationToken)
    {
        var disks = (await api.GetAsync(ApiPath.Build("nodes", node, "disks", "list"), cancellationToken: cancellationToken).ConfigureAwait(false)).Items()
            .Select(d => new DiskReport(d.String("devpath") ?? "?", d.String("model"), d.String("type"), Units.Gib(d.Int64("size")), d.String("health"),
                d.Int64("wearout") is { } wear ? (int)wear : null, d.String("used")))
            .OrderBy(d => d.Health is "PASSED" or "OK" ? 1 : 0).ThenBy(d => d.Device, StringComparer.Ordinal)
            .ToList();
        return new NodeDiagnosticsReport(node, NodeAspect.Disks, disks.Count, disks.Count > limit, null, Disks: disks.Take(limit).ToList());
    }

    private async Task<NodeDiagnosticsReport> ZfsAsync(string node, int limit, CancellationToken cancellationToken)
    {
        var pools = (await api.GetAsync(ApiPath.Build("nodes", node, "disks", "zfs"), cancellationToken: cancellationToken).ConfigureAwait(false)).Items().ToList();
        var reports = new List<ZfsPoolReport>();
        foreach (var pool in pools.Take(Math.Min(limit, MaxZfsDetails)))
        {
            var name = pool.String("name") ?? "?";
            var size = pool.Int64("size");
            var used = size is > 0 && pool.Int64("alloc") is { } alloc ? Math.Round(100.0 * alloc / size.Value, 1) : (double?)null;
            JsonElement detail = default;
            if (ZfsPoolName().IsMatch(name))
            {
                detail = await api.GetAsync(ApiPath.Build("nodes", node, "disks", "zfs", name), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            var devices = new List<string>();
            if (detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("children", out var children))
            {
                // The first level holds the pool itself (its state is the pool's health) and sections such as logs or spares.
                foreach (var top in children.Items())
                {
                    if (top.String("name") == name && top.ValueKind == JsonValueKind.Object && top.TryGetProperty("children", out var vdevs))
                    {
                        CollectDeviceProblems(vdevs, devices);
                    }
                    else
                    {
                        CollectDeviceProblems(JsonSerializer.SerializeToElement(new[] { top }), devices);
                    }
                }
            }
            reports.Add(new ZfsPoolReport(name, detail.String("state") ?? pool.String("health") ?? "?", Units.Gib(size), used,
                detail.String("status"), detail.String("action"), detail.String("scan"), detail.String("errors"), devices));
        }
        var hint = pools.Count > reports.Count ? $"{pools.Count - reports.Count} more pools not read in detail." : null;
        return new NodeDiagnosticsReport(node, NodeAspect.Zfs, pools.Count, pools.Count > reports.Count, hint, ZfsPools: reports);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ZfsPoolName();

    /// <summary>Vdevs, at any depth, that are not ONLINE or have counted errors: "sdb FAULTED read=3 write=0 cksum=12 (too many errors)".</summary>
    private static void CollectDeviceProblems(JsonElement children, List<string> problems)
    {
        foreach (var child in children.Items())
        {
            var state = child.String("state");
            long read = child.Int64("read") ?? 0, write = child.Int64("write") ?? 0, checksum = child.Int64("cksum") ?? 0;
            if ((state is not null && state != "ONLINE") || read + write + checksum > 0)
            {
                var message = child.String("msg") is { Length: > 0 } msg ? $" ({msg})" : string.Empty;
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{child.String("name")} {state} read={read} write={write} cksum={checksum}{message}"));
            }
            if (child.ValueKind == JsonValueKind.Object && child.TryGetProperty("children", out var nested))
            {
                CollectDeviceProblems(nested, problems);
            }
        }
    }

    private async Task<NodeDiagnosticsReport> NetworkAsync(string node, int limit, CancellationToken cancellationToken)
    {
        var interfaces = (await api.GetAsync(ApiPath.Build("nodes", node, "network"), cancellationToken: cancellationToken).ConfigureAwait(false)).Items()
            .Select(i => new HostInterface(i.String("iface") ?? "?", i.String("type"), i.Boolean("active"), i.String("method"),
                i.String("cidr") ?? (i.String("address") is { } address ? address + (i.String("netmask") is { } mask ? "/" + mask : string.Empty) : null),
                i.String("cidr6") ?? i.String("address6"), i.String("gateway") ?? i.String("gateway6"),
                i.String("bridge_ports") is { Length: > 0 } ports ? ports : i.String("slaves") ?? i.String("ovs_ports"),
                i.String("bond_mode"), i.Boolean("bridge_vlan_aware")))
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .ToList();
        return new NodeDiagnosticsReport(node, NodeAspect.Network, interfaces.Count, interfaces.Count > limit, null, Interfaces: interfaces.Take(limit).ToList());
    }

    private async Task<NodeDiagnosticsReport> ServicesAsync(string node, int limit, CancellationToken cancellationToken)
    {
        var services = (await api.GetAsync(ApiPath.Build("nodes", node, "services"), cancellationToken: cancellationToken).ConfigureAwait(false)).Items()
            .Select(s => new ServiceReport(s.String("service") ?? s.String("name") ?? "?", s.String("active-state"), s.String("state"), s.String("unit-state"), s.String("desc")))
            // Failed and stopped services first: they are what one looks for.
            .OrderBy(s => s.State == "failed" ? 0 : s.State == "active" ? 2 : 1).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        return new NodeDiagnosticsReport(node, NodeAspect.Services, services.Count, services.Count > limit, null, Services: services.Take(limit).ToList());
    }

    private async Task<NodeDiagnosticsReport> CertificatesAsync(string node, int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var certificates = (await api.GetAsync(ApiPath.Build("nodes", node, "certificates", "info"), cancellationToken: cancellationToken).ConfigureAwait(false)).Items()
            .Select(c =>
            {
                var expires = Units.FromUnix(c.Int64("notafter"));
                var names = c.TryGetProperty("san", out var san) ? san.Items().Select(n => n.GetString() ?? string.Empty).ToList() : [];
                return new CertificateReport(c.String("filename") ?? "?", c.String("subject"), c.String("issuer"), expires,
                    expires is { } at ? (int)Math.Floor((at - now).TotalDays) : null, names, c.String("fingerprint"));
            })
            .OrderBy(c => c.DaysLeft ?? int.MaxValue)
            .ToList();
        return new NodeDiagnosticsReport(node, NodeAspect.Certificates, certificates.Count, certificates.Count > limit, null, Certificates: certificates.Take(limit).ToList());
    }

    private async Task<NodeDiagnosticsReport> SubscriptionAsync(string node, CancellationToken cancellationToken)
    {
        var answer = await api.GetAsync(ApiPath.Build("nodes", node, "subscription"), cancellationToken: cancellationToken).ConfigureAwait(false);
        // The answer may hold the subscription key; only its state is passed on.
        var subscription = new SubscriptionReport(answer.String("status") ?? "unknown", answer.String("level"), answer.String("productname"), answer.String("nextduedate"), answer.String("message"));
        return new NodeDiagnosticsReport(node, NodeAspect.Subscription, 1, false, null, Subscription: subscription);
    }
}
