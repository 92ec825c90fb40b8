using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>cluster_overview: one aspect of the whole cluster.</summary>
public sealed partial class DiagnosticsTools
{
    private static readonly string[] Priorities = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

    /// <summary>
    /// One aspect of the whole cluster (access lists users, tokens and ACLs, never secrets). node_diagnostics and guest_details go deeper.
    /// </summary>
    /// <param name="aspect">What to read.</param>
    /// <param name="limit">Most items per list.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("cluster_overview", ToolTier.Read)]
    public async Task<ClusterOverviewReport> ClusterOverview(ClusterAspect aspect, [Range(1, 500)] int limit = 50, CancellationToken cancellationToken = default)
    {
        var report = await ReadAspectAsync(aspect, limit, cancellationToken).ConfigureAwait(false);
        return report is { Truncated: true, Hint: null } ? report with { Hint = "Some lists are cut at limit: raise it (at most 500)." } : report;
    }

    private async Task<ClusterOverviewReport> ReadAspectAsync(ClusterAspect aspect, int limit, CancellationToken cancellationToken) => aspect switch
    {
        ClusterAspect.Status => await ClusterStatusAsync(limit, cancellationToken).ConfigureAwait(false),
        ClusterAspect.Log => await ClusterLogAsync(limit, cancellationToken).ConfigureAwait(false),
        ClusterAspect.Ha => await HaAsync(limit, cancellationToken).ConfigureAwait(false),
        ClusterAspect.Ceph => await CephAsync(limit, cancellationToken).ConfigureAwait(false),
        ClusterAspect.Replication => await ReplicationAsync(limit, cancellationToken).ConfigureAwait(false),
        ClusterAspect.BackupJobs => await BackupJobsAsync(limit, cancellationToken).ConfigureAwait(false),
        ClusterAspect.Pools => await PoolsAsync(limit, cancellationToken).ConfigureAwait(false),
        ClusterAspect.Sdn => await SdnAsync(limit, cancellationToken).ConfigureAwait(false),
        ClusterAspect.Access => await AccessAsync(limit, cancellationToken).ConfigureAwait(false),
        _ => await FirewallAsync(limit, cancellationToken).ConfigureAwait(false),
    };

    private async Task<ClusterOverviewReport> ClusterStatusAsync(int limit, CancellationToken cancellationToken)
    {
        var status = (await api.GetAsync("/cluster/status", cancellationToken: cancellationToken).ConfigureAwait(false)).Items().ToList();
        var cluster = status.FirstOrDefault(i => i.String("type") == "cluster");
        var members = status.Where(i => i.String("type") == "node").OrderBy(i => i.String("name"), StringComparer.Ordinal).Take(limit).ToList();
        var nodes = await Task.WhenAll(members.Select(async member =>
        {
            var name = member.String("name") ?? "?";
            var online = member.Int64("online") == 1;
            string? version = null;
            if (online)
            {
                try
                {
                    version = (await api.GetAsync(ApiPath.Build("nodes", name, "version"), cancellationToken: cancellationToken).ConfigureAwait(false)).String("version");
                }
                catch (ProxmoxApiException)
                {
                    // A node that stops answering between the two reads shows without a version.
                }
            }
            return new ClusterNodeReport(name, online, (int?)member.Int64("nodeid"), member.String("ip"), version);
        })).ConfigureAwait(false);
        var total = status.Count(i => i.String("type") == "node");
        return new ClusterOverviewReport(ClusterAspect.Status, total, total > limit,
            cluster.ValueKind == JsonValueKind.Object ? null : "A single node without a cluster: no quorum applies.",
            ClusterName: cluster.String("name"), Quorate: cluster.ValueKind == JsonValueKind.Object ? cluster.Int64("quorate") == 1 : null, Nodes: nodes);
    }

    private async Task<ClusterOverviewReport> ClusterLogAsync(int limit, CancellationToken cancellationToken)
    {
        var lines = (await api.GetAsync("/cluster/log", new ProxmoxParameters().Add("max", (long)limit), cancellationToken).ConfigureAwait(false)).Items()
            .Select(l => new ClusterLogLine(Units.FromUnix(l.Int64("time")), l.String("node"), l.String("user"), l.String("tag"),
                l.Int64("pri") is { } pri and >= 0 and <= 7 ? Priorities[pri] : null, l.String("msg") ?? string.Empty))
            .OrderByDescending(l => l.Time)
            .Take(limit)
            .ToList();
        return new ClusterOverviewReport(ClusterAspect.Log, lines.Count, false,
            lines.Count >= limit ? "Newest lines only: raise limit (at most 500) for older ones; node_diagnostics aspect=syslog reads a node's journal." : null, Log: lines);
    }

    private async Task<ClusterOverviewReport> HaAsync(int limit, CancellationToken cancellationToken)
    {
        var statusTask = api.GetAsync("/cluster/ha/status/current", cancellationToken: cancellationToken);
        var resourcesTask = api.GetAsync("/cluster/ha/resources", cancellationToken: cancellationToken);
        var status = (await statusTask.ConfigureAwait(false)).Items().ToList();
        var configured = (await resourcesTask.ConfigureAwait(false)).Items().ToDictionary(r => r.String("sid") ?? "?", StringComparer.Ordinal);
        var manager = status.FirstOrDefault(i => i.String("type") == "master");
        var quorum = status.FirstOrDefault(i => i.String("type") == "quorum");
        var services = status.Where(i => i.String("type") == "service").ToDictionary(s => s.String("sid") ?? "?", StringComparer.Ordinal);
        var resources = configured.Keys.Union(services.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(sid =>
        {
            var live = services.GetValueOrDefault(sid);
            var config = configured.GetValueOrDefault(sid);
            return new HaResourceReport(sid, live.String("state") ?? live.String("status"), live.String("request_state") ?? config.String("state"), live.String("node"), config.String("comment"));
        }).ToList();
        var managerText = manager.ValueKind == JsonValueKind.Object ? manager.String("status") : null;
        return new ClusterOverviewReport(ClusterAspect.Ha, resources.Count, resources.Count > limit,
            resources.Count == 0 ? "No guest is under HA." : null,
            Quorate: quorum.ValueKind == JsonValueKind.Object ? quorum.Int64("quorate") == 1 : null, HaManager: managerText, HaResources: resources.Take(limit).ToList());
    }

    private async Task<ClusterOverviewReport> CephAsync(int limit, CancellationToken cancellationToken)
    {
        JsonElement status;
        try
        {
            status = await api.GetAsync("/cluster/ceph/status", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ProxmoxApiException exception) when (CephAbsent(exception))
        {
            return new ClusterOverviewReport(ClusterAspect.Ceph, 0, false, $"Ceph is not installed on this cluster ({exception.ServerMessage.TrimEnd()}).");
        }
        var health = status.ValueKind == JsonValueKind.Object && status.TryGetProperty("health", out var h) ? h : default;
        var checks = health.ValueKind == JsonValueKind.Object && health.TryGetProperty("checks", out var c) && c.ValueKind == JsonValueKind.Object
            ? c.EnumerateObject().Select(check => $"{check.Name} ({check.Value.String("severity")}): {(check.Value.TryGetProperty("summary", out var summary) ? summary.String("message") : null)}").ToList()
            : [];
        var node = (await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false)).Nodes.FirstOrDefault(n => n.Online)?.Name
            ?? throw new ToolInputException("No node is online to read Ceph's OSDs and pools from.");
        var osdTask = api.GetAsync(ApiPath.Build("nodes", node, "ceph", "osd"), cancellationToken: cancellationToken);
        var poolTask = api.GetAsync(ApiPath.Build("nodes", node, "ceph", "pool"), cancellationToken: cancellationToken);
        var osds = new List<CephOsdReport>();
        var tree = await osdTask.ConfigureAwait(false);
        if (tree.ValueKind == JsonValueKind.Object && tree.TryGetProperty("root", out var root))
        {
            CollectOsds(root, null, osds);
        }
        var pools = (await poolTask.ConfigureAwait(false)).Items().Select(p => new CephPoolReport(p.String("pool_name") ?? "?", (int?)p.Int64("size"), (int?)p.Int64("min_size"),
            (int?)p.Int64("pg_num"), Units.Gib(p.Int64("bytes_used")), p.Double("percent_used") is { } fraction ? Math.Round(fraction * 100, 1) : null)).ToList();
        var down = osds.Count(o => !o.Up || !o.In);
        return new ClusterOverviewReport(ClusterAspect.Ceph, osds.Count, osds.Count > limit || pools.Count > limit,
            osds.Count > limit ? $"{osds.Count - limit} more OSDs: raise limit." : down > 0 ? $"{down} OSD(s) down or out." : null,
            CephHealth: health.String("status"), CephChecks: checks,
            Osds: osds.OrderBy(o => o.Up && o.In ? 1 : 0).ThenBy(o => o.Id, StringComparer.Ordinal).Take(limit).ToList(), CephPools: pools.Take(limit).ToList());
    }

    /// <summary>The OSD leaves of Ceph's CRUSH tree, each with the host above it.</summary>
    private static void CollectOsds(JsonElement item, string? host, List<CephOsdReport> osds)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        var type = item.String("type");
        if (type == "osd")
        {
            osds.Add(new CephOsdReport(item.String("name") ?? $"osd.{item.String("id")}", item.String("host") ?? host, item.String("status") == "up", item.Int64("in") == 1,
                item.Double("percent_used") is { } used ? Math.Round(used, 1) : null, item.String("device_class")));
            return;
        }
        if (item.TryGetProperty("children", out var children))
        {
            foreach (var child in children.Items())
            {
                CollectOsds(child, type == "host" ? item.String("name") : host, osds);
            }
        }
    }

    private async Task<ClusterOverviewReport> ReplicationAsync(int limit, CancellationToken cancellationToken)
    {
        var jobs = (await api.GetAsync("/cluster/replication", cancellationToken: cancellationToken).ConfigureAwait(false)).Items().ToList();
        var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        var sources = jobs.Select(j => j.String("source") ?? snapshot.Guests.FirstOrDefault(g => g.Vmid == j.Int64("guest"))?.Node).OfType<string>()
            .Distinct(StringComparer.Ordinal).Where(n => snapshot.Nodes.Any(node => node.Name == n && node.Online)).ToList();
        var (answers, errors) = sources.Count == 0 ? ([], []) : await PerNodeAsync(sources, node => api.GetAsync(ApiPath.Build("nodes", node, "replication"), cancellationToken: cancellationToken)).ConfigureAwait(false);
        var states = answers.SelectMany(a => a.Answer.Items().Select(s => (a.Node, State: s))).ToDictionary(s => s.State.String("id") ?? "?", StringComparer.Ordinal);
        var reports = jobs.Select(j =>
        {
            var id = j.String("id") ?? "?";
            var (node, state) = states.GetValueOrDefault(id);
            return new ReplicationReport(id, (int?)j.Int64("guest"), node ?? j.String("source"), j.String("target"), j.String("schedule") ?? "*/15", j.Int64("disable") != 1,
                Units.FromUnix(state.Int64("last_sync")), Units.FromUnix(state.Int64("next_sync")), state.Double("duration"), (int?)state.Int64("fail_count"), state.String("error"));
        }).OrderBy(r => r.Error is null ? 1 : 0).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var hint = reports.Count == 0 ? "No replication jobs." : errors.Count > 0 ? "Last runs unknown for: " + string.Join("; ", errors) : null;
        return new ClusterOverviewReport(ClusterAspect.Replication, reports.Count, reports.Count > limit, hint, Replication: reports.Take(limit).ToList());
    }

    private async Task<ClusterOverviewReport> BackupJobsAsync(int limit, CancellationToken cancellationToken)
    {
        var jobsTask = api.GetAsync("/cluster/backup", cancellationToken: cancellationToken);
        var uncoveredTask = api.GetAsync("/cluster/backup-info/not-backed-up", cancellationToken: cancellationToken);
        var jobs = (await jobsTask.ConfigureAwait(false)).Items().Select(j => new BackupJobReport(j.String("id") ?? "?", j.Int64("enabled") != 0, j.String("schedule") ?? j.String("starttime"),
            Units.FromUnix(j.Int64("next-run")), Covers(j), j.String("storage"), j.String("mode"), j.String("comment"))).OrderBy(j => j.Id, StringComparer.Ordinal).ToList();
        var uncovered = (await uncoveredTask.ConfigureAwait(false)).Items()
            .Select(g => new GuestRef((int)(g.Int64("vmid") ?? 0), g.String("name"), g.String("type"))).OrderBy(g => g.Vmid).ToList();
        var truncated = jobs.Count > limit || uncovered.Count > limit;
        var hint = uncovered.Count > limit ? $"{uncovered.Count} guests are in no backup job; the first {limit} are listed." : uncovered.Count > 0 ? $"{uncovered.Count} guests are in no backup job." : null;
        return new ClusterOverviewReport(ClusterAspect.BackupJobs, jobs.Count, truncated, hint, BackupJobs: jobs.Take(limit).ToList(), NotInBackupJobs: uncovered.Take(limit).ToList());
    }

    /// <summary>What a backup job covers, in words: all guests (but some), listed guests, or a pool's guests, on one node or all.</summary>
    private static string Covers(JsonElement job)
    {
        var what = job.Int64("all") == 1
            ? "all guests" + (job.String("exclude") is { Length: > 0 } exclude ? $" except {exclude}" : string.Empty)
            : job.String("pool") is { Length: > 0 } pool ? $"pool {pool}"
            : job.String("vmid") is { Length: > 0 } vmids ? $"guests {vmids}" : "nothing";
        return job.String("node") is { Length: > 0 } node ? $"{what} on {node}" : what;
    }

    private async Task<ClusterOverviewReport> PoolsAsync(int limit, CancellationToken cancellationToken)
    {
        var poolsTask = api.GetAsync("/pools", cancellationToken: cancellationToken);
        var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        var pools = (await poolsTask.ConfigureAwait(false)).Items().Select(p =>
        {
            var id = p.String("poolid") ?? "?";
            return new PoolReport(id, p.String("comment") is { Length: > 0 } comment ? comment : null,
                snapshot.Guests.Where(g => g.Pool == id).Select(g => g.Vmid).Order().Take(limit).ToList());
        }).OrderBy(p => p.Pool, StringComparer.Ordinal).ToList();
        return new ClusterOverviewReport(ClusterAspect.Pools, pools.Count, pools.Count > limit, pools.Count == 0 ? "No pools (or none the token may see: Pool.Audit)." : null, Pools: pools.Take(limit).ToList());
    }

    private async Task<ClusterOverviewReport> SdnAsync(int limit, CancellationToken cancellationToken)
    {
        // With pending=1 Proxmox marks entries whose changes are not applied yet with a state.
        var zonesTask = api.GetAsync("/cluster/sdn/zones", new ProxmoxParameters().Add("pending", true), cancellationToken);
        var vnetsTask = api.GetAsync("/cluster/sdn/vnets", cancellationToken: cancellationToken);
        var zones = (await zonesTask.ConfigureAwait(false)).Items()
            .Select(z => new SdnZoneReport(z.String("zone") ?? "?", z.String("type"), z.String("bridge"), z.String("state") is not null)).ToList();
        var vnets = (await vnetsTask.ConfigureAwait(false)).Items()
            .Select(v => new SdnVnetReport(v.String("vnet") ?? "?", v.String("zone"), (int?)v.Int64("tag"), v.String("alias"))).ToList();
        var subnets = new List<SdnSubnetReport>();
        foreach (var vnet in vnets.Where(v => SdnName().IsMatch(v.Vnet)).Take(limit))
        {
            subnets.AddRange((await api.GetAsync(ApiPath.Build("cluster", "sdn", "vnets", vnet.Vnet, "subnets"), cancellationToken: cancellationToken).ConfigureAwait(false)).Items()
                .Select(s => new SdnSubnetReport(vnet.Vnet, s.String("cidr") ?? s.String("subnet") ?? "?", s.String("gateway"), s.Int64("snat") == 1)));
        }
        var total = zones.Count + vnets.Count;
        return new ClusterOverviewReport(ClusterAspect.Sdn, total, zones.Count > limit || vnets.Count > limit || subnets.Count > limit,
            total == 0 ? "No SDN zones or vnets (listing them needs SDN.Audit)." : null,
            SdnZones: zones.Take(limit).ToList(), SdnVnets: vnets.Take(limit).ToList(), SdnSubnets: subnets.Take(limit).ToList());
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SdnName();

    private async Task<ClusterOverviewReport> AccessAsync(int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var usersTask = api.GetAsync("/access/users", new ProxmoxParameters().Add("full", true), cancellationToken);
        var aclTask = api.GetAsync("/access/acl", cancellationToken: cancellationToken);
        var users = (await usersTask.ConfigureAwait(false)).Items().ToList();
        var tokens = users.SelectMany(u =>
        {
            var userExpiry = u.Int64("expire") is > 0 ? Units.FromUnix(u.Int64("expire")) : null;
            var list = u.ValueKind == JsonValueKind.Object && u.TryGetProperty("tokens", out var t) ? t.Items() : [];
            return list.Select(token =>
            {
                // A token without its own expiry expires with its user (expire 0 means never).
                var expires = token.Int64("expire") is { } own ? (own > 0 ? Units.FromUnix(own) : null) : userExpiry;
                return new TokenReport($"{u.String("userid")}!{token.String("tokenid")}", token.Int64("privsep") != 0, expires, expires < now, token.String("comment"));
            });
        }).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        var userReports = users.Select(u => new UserReport(u.String("userid") ?? "?", u.Int64("enable") != 0, u.Int64("expire") is > 0 ? Units.FromUnix(u.Int64("expire")) : null,
            u.String("groups") is { Length: > 0 } groups ? groups : null,
            u.ValueKind == JsonValueKind.Object && u.TryGetProperty("tokens", out var t) ? t.GetArrayLength() : 0)).OrderBy(u => u.UserId, StringComparer.Ordinal).ToList();
        var acls = (await aclTask.ConfigureAwait(false)).Items().Select(a => new AclReport(a.String("path") ?? "?", a.String("type") ?? "?", a.String("ugid") ?? "?", a.String("roleid") ?? "?",
            a.Int64("propagate") != 0)).OrderBy(a => a.Path, StringComparer.Ordinal).ThenBy(a => a.Who, StringComparer.Ordinal).ToList();
        var risky = tokens.Count(t => !t.PrivilegeSeparated);
        var hint = risky > 0 ? $"{risky} token(s) without privilege separation hold all of their user's privileges." : null;
        return new ClusterOverviewReport(ClusterAspect.Access, userReports.Count, userReports.Count > limit || tokens.Count > limit || acls.Count > limit, hint,
            Users: userReports.Take(limit).ToList(), Tokens: tokens.Take(limit).ToList(), Acls: acls.Take(limit).ToList());
    }

    private async Task<ClusterOverviewReport> FirewallAsync(int limit, CancellationToken cancellationToken)
    {
        var optionsTask = api.GetAsync("/cluster/firewall/options", cancellationToken: cancellationToken);
        var rulesTask = api.GetAsync("/cluster/firewall/rules", cancellationToken: cancellationToken);
        var options = FirewallOptionsOf(await optionsTask.ConfigureAwait(false));
        var rules = FirewallRulesOf(await rulesTask.ConfigureAwait(false));
        var hint = options.GetValueOrDefault("enable") is "1" ? null : "The cluster firewall is disabled (enable is not 1): no rule applies, on any node or guest.";
        return new ClusterOverviewReport(ClusterAspect.Firewall, rules.Count, rules.Count > limit, hint, FirewallOptions: options, FirewallRules: rules.Take(limit).ToList());
    }

    /// <summary>Firewall options as plain strings (numbers and flags as Proxmox sends them).</summary>
    private static Dictionary<string, string> FirewallOptionsOf(JsonElement options) =>
        options.ValueKind == JsonValueKind.Object
            ? options.EnumerateObject().Where(o => o.Name != "digest").Select(o => (o.Name, Value: options.String(o.Name))).Where(o => o.Value is not null)
                .OrderBy(o => o.Name, StringComparer.Ordinal).ToDictionary(o => o.Name, o => o.Value!, StringComparer.Ordinal)
            : [];

    private static List<FirewallRuleReport> FirewallRulesOf(JsonElement rules) =>
        rules.Items().Select(r => new FirewallRuleReport((int)(r.Int64("pos") ?? 0), r.String("type"), r.String("action"), r.Int64("enable") == 1, r.String("macro"),
            r.String("proto"), r.String("source"), r.String("dest"), r.String("dport"), r.String("sport"), r.String("iface"), r.String("comment"))).OrderBy(r => r.Pos).ToList();
}
