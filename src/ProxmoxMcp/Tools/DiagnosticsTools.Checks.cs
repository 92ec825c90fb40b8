using System.Globalization;
using System.Text.Json;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tasks;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>The checks of cluster_health, one method each; each finding says what is wrong and which call looks closer.</summary>
public sealed partial class DiagnosticsTools
{
    /// <summary>Storage this full is reported.</summary>
    private const double StorageWarning = 0.85;

    /// <summary>Storage this full, or full within <see cref="StorageFullSoonDays"/> at its current growth, is critical.</summary>
    private const double StorageCritical = 0.95;

    private const double StorageFullSoonDays = 3;

    private const int CertificateWarningDays = 30;

    /// <summary>Running VMs whose guest agent is probed in one call, at most; the note says when more were left out.</summary>
    private const int MaxAgentProbes = 40;

    private static readonly TimeSpan AgentProbeTimeout = TimeSpan.FromSeconds(10);

    private static (List<HealthFinding> Findings, string? Note) NodesCheck(ClusterSnapshot snapshot, JsonElement status)
    {
        var members = status.Items().Where(i => i.String("type") == "node")
            .Select(i => (Name: i.String("name") ?? "?", Online: i.Int64("online") == 1)).ToList();
        if (members.Count == 0)
        {
            members = snapshot.Nodes.Select(n => (n.Name, n.Online)).ToList();
        }
        var findings = members.Where(n => !n.Online).OrderBy(n => n.Name, StringComparer.Ordinal).Select(n =>
        {
            var guests = snapshot.Guests.Count(g => g.Node == n.Name);
            return new HealthFinding(FindingSeverity.Critical, "nodes", $"node {n.Name}",
                $"offline; its {guests} guest(s) cannot be reached or managed until it is back", "list_nodes", Node: n.Name);
        }).ToList();
        return (findings, $"{members.Count(n => n.Online)} of {members.Count} nodes online");
    }

    private static (List<HealthFinding> Findings, string? Note) QuorumCheck(JsonElement status)
    {
        var cluster = status.Items().FirstOrDefault(i => i.String("type") == "cluster");
        if (cluster.ValueKind != JsonValueKind.Object)
        {
            throw new SkippedCheckException("a single node, no cluster");
        }
        var name = cluster.String("name") ?? "cluster";
        return cluster.Int64("quorate") == 1
            ? ([], $"{name} is quorate")
            : ([new HealthFinding(FindingSeverity.Critical, "quorum", $"cluster {name}",
                "no quorum: configuration changes, guest starts and migrations are blocked until enough nodes are back", "cluster_overview aspect=status")], null);
    }

    private async Task<(List<HealthFinding> Findings, string? Note)> StorageCheckAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        var shared = new HashSet<string>(StringComparer.Ordinal);
        var full = new List<(string Id, string Node, bool Shared, long Used, long Total)>();
        int read = 0, unavailable = 0;
        foreach (var storage in snapshot.Storages)
        {
            var id = storage.String("storage") ?? "?";
            if (storage.String("status") != "available")
            {
                unavailable++;
                continue;
            }
            var isShared = storage.Int64("shared") == 1;
            if ((isShared && !shared.Add(id)) || storage.Int64("maxdisk") is not > 0 || storage.Int64("disk") is not { } used)
            {
                continue;
            }
            read++;
            var total = storage.Int64("maxdisk")!.Value;
            if ((double)used / total >= StorageWarning)
            {
                full.Add((id, storage.String("node") ?? "?", isShared, used, total));
            }
        }
        var findings = await Task.WhenAll(full.Select(async s =>
        {
            var growth = await DailyGrowthAsync(s.Node, s.Id, cancellationToken).ConfigureAwait(false);
            var fraction = (double)s.Used / s.Total;
            var daysLeft = growth is > 0 ? (s.Total - s.Used) / growth.Value : (double?)null;
            var trend = growth switch
            {
                null => string.Empty,
                > 0 => string.Create(CultureInfo.InvariantCulture, $"; growing {growth.Value / (1L << 30):0.#} GiB/day, full in about {Math.Max(0, daysLeft!.Value):0} days"),
                _ => "; not growing over the past week",
            };
            var severity = fraction >= StorageCritical || daysLeft < StorageFullSoonDays ? FindingSeverity.Critical : FindingSeverity.Warning;
            return new HealthFinding(severity, "storage", s.Shared ? $"storage {s.Id} (shared)" : $"storage {s.Id} on {s.Node}",
                string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:0.#}% used ({Units.Gib(s.Used)} of {Units.Gib(s.Total)} GiB){trend}"),
                $"list_storage node={s.Node}", Node: s.Node);
        })).ConfigureAwait(false);
        return (findings.ToList(), unavailable > 0 ? $"{read} storages read; {unavailable} unavailable (offline nodes or inactive)" : $"{read} storages read");
    }

    /// <summary>Bytes per day a storage grew over the past week, from its RRD history; null when the history does not tell.</summary>
    private async Task<double?> DailyGrowthAsync(string node, string storage, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await api.GetAsync(ApiPath.Build("nodes", node, "storage", storage, "rrddata"),
                new ProxmoxParameters().Add("timeframe", "week").Add("cf", "AVERAGE"), cancellationToken).ConfigureAwait(false);
            return RrdSeries.DailyGrowth(RrdSeries.Values(rows, "used"));
        }
        catch (ProxmoxApiException)
        {
            return null;
        }
    }

    private async Task<(List<HealthFinding> Findings, string? Note)> TasksCheckAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = (now - TimeSpan.FromHours(24)).ToUnixTimeSeconds();
        var recent = (await api.GetAsync("/cluster/tasks", cancellationToken: cancellationToken).ConfigureAwait(false)).Items()
            .Where(t => t.Int64("starttime") >= since).ToList();
        var findings = recent
            .Where(t => t.String("status") is { } exit && !TaskTracker.IsSuccess(exit))
            .OrderByDescending(t => t.Int64("starttime"))
            .Select(t =>
            {
                var type = t.String("type") ?? "?";
                var id = t.String("id") ?? string.Empty;
                var node = t.String("node") ?? "?";
                var started = Units.FromUnix(t.Int64("starttime"))!.Value;
                return new HealthFinding(FindingSeverity.Warning, "tasks", $"task {type}{(id.Length > 0 ? " " + id : string.Empty)} on {node}",
                    $"failed {Ago(now - started)} ago: {t.String("status")}", $"task_status upid={t.String("upid")}", node,
                    int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var vmid) && vmid >= 100 ? vmid : null);
            }).ToList();
        return (findings, $"{recent.Count} tasks started in the last 24 h (the cluster's recent task list)");
    }

    private async Task<(List<HealthFinding> Findings, string? Note)> BackupsCheckAsync(ClusterSnapshot snapshot, DateTimeOffset now, int days, CancellationToken cancellationToken)
    {
        var online = snapshot.Nodes.Where(n => n.Online).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var guests = snapshot.Guests.Where(g => !g.Template).ToList();
        var reachable = guests.Where(g => online.Contains(g.Node)).ToList();
        var shared = new HashSet<string>(StringComparer.Ordinal);
        var storages = snapshot.Storages
            .Where(s => s.String("status") == "available" && (s.String("content") ?? string.Empty).Split(',').Contains("backup"))
            .Where(s => s.Int64("shared") != 1 || shared.Add(s.String("storage") ?? "?"))
            .Select(s => (Id: s.String("storage") ?? "?", Node: s.String("node") ?? "?"))
            .ToList();

        var last = new Dictionary<int, DateTimeOffset>();
        var unreadable = new List<string>();
        var listings = await Task.WhenAll(storages.Select(async s =>
        {
            try
            {
                var items = await api.GetAsync(ApiPath.Build("nodes", s.Node, "storage", s.Id, "content"), new ProxmoxParameters().Add("content", "backup"), cancellationToken).ConfigureAwait(false);
                return (s.Id, s.Node, Items: items.Items().Select(i => (Vmid: i.Int64("vmid"), Time: Units.FromUnix(i.Int64("ctime")))).ToList(), Error: (string?)null);
            }
            catch (ProxmoxApiException exception)
            {
                return (s.Id, s.Node, Items: [], Error: exception.Message);
            }
        })).ConfigureAwait(false);
        foreach (var listing in listings)
        {
            if (listing.Error is not null)
            {
                unreadable.Add($"{listing.Id} on {listing.Node}");
            }
            foreach (var (vmid, taken) in listing.Items)
            {
                if (vmid is { } id && taken is { } at && (!last.TryGetValue((int)id, out var known) || at > known))
                {
                    last[(int)id] = at;
                }
            }
        }
        if (listings.Length > 0 && listings.All(l => l.Error is not null))
        {
            // With no backup storage readable, "no backup found" would be a guess.
            throw new ProxmoxApiException(0, "no backup storage could be read: " + listings[0].Error, string.Empty, new Dictionary<string, string>());
        }
        var notInJobs = (await api.GetAsync("/cluster/backup-info/not-backed-up", cancellationToken: cancellationToken).ConfigureAwait(false)).Items()
            .Select(i => i.Int64("vmid")).OfType<long>().Select(v => (int)v).ToHashSet();

        var cutoff = now - TimeSpan.FromDays(days);
        var caveat = unreadable.Count > 0 ? $" (on the backup storages that could be read; not {string.Join(", ", unreadable)})" : string.Empty;
        var findings = reachable.Where(g => !last.TryGetValue(g.Vmid, out var at) || at < cutoff).Select(g =>
        {
            var when = last.TryGetValue(g.Vmid, out var at) ? $"last backup {Ago(now - at)} ago" : "no backup found";
            var coverage = notInJobs.Contains(g.Vmid) ? "and no backup job covers it" : "although a backup job covers it";
            return new HealthFinding(FindingSeverity.Warning, "backups", $"{g.Label} ({g.Name})", $"no backup in {days} days: {when}{caveat}, {coverage}",
                notInJobs.Contains(g.Vmid) ? "cluster_overview aspect=backup_jobs" : $"list_tasks vmid={g.Vmid} errors_only=true", g.Node, g.Vmid);
        }).ToList();
        var note = $"{reachable.Count} guests, {storages.Count} backup storages read";
        if (guests.Count > reachable.Count)
        {
            note += $"; {guests.Count - reachable.Count} guests on offline nodes not checked";
        }
        return (findings, note);
    }

    private async Task<(List<HealthFinding> Findings, string? Note)> HaCheckAsync(CancellationToken cancellationToken)
    {
        var services = (await api.GetAsync("/cluster/ha/status/current", cancellationToken: cancellationToken).ConfigureAwait(false)).Items()
            .Where(i => i.String("type") == "service").ToList();
        var findings = new List<HealthFinding>();
        foreach (var service in services)
        {
            var sid = service.String("sid") ?? service.String("id") ?? "?";
            var node = service.String("node");
            (FindingSeverity Level, string Message)? problem = (service.String("state") ?? service.String("status")) switch
            {
                "error" => (FindingSeverity.Critical, "in error state: the HA manager no longer manages it; fix the cause, then request its state again"),
                "fence" => (FindingSeverity.Critical, $"waiting for node {node} to be fenced before it can be recovered"),
                "recovery" => (FindingSeverity.Warning, "in recovery: waiting to be started on another node"),
                _ => null,
            };
            if (problem is var (level, message))
            {
                findings.Add(new HealthFinding(level, "ha", $"HA resource {sid}", message, "cluster_overview aspect=ha", node,
                    int.TryParse(sid.Split(':')[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var vmid) ? vmid : null));
            }
        }
        return (findings, services.Count == 0 ? "no HA resources" : $"{services.Count} HA resources");
    }

    private async Task<(List<HealthFinding> Findings, string? Note)> CephCheckAsync(CancellationToken cancellationToken)
    {
        JsonElement status;
        try
        {
            status = await api.GetAsync("/cluster/ceph/status", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ProxmoxApiException exception) when (CephAbsent(exception))
        {
            throw new SkippedCheckException("Ceph is not installed");
        }
        var health = status.TryGetProperty("health", out var h) ? h : default;
        var level = health.String("status") ?? "unknown";
        if (level == "HEALTH_OK")
        {
            return ([], "HEALTH_OK");
        }
        var summaries = health.ValueKind == JsonValueKind.Object && health.TryGetProperty("checks", out var checks) && checks.ValueKind == JsonValueKind.Object
            ? checks.EnumerateObject().Select(c => c.Value.TryGetProperty("summary", out var summary) ? summary.String("message") ?? c.Name : c.Name).ToList()
            : [];
        var detail = summaries.Count == 0 ? string.Empty : ": " + string.Join("; ", summaries.Take(3)) + (summaries.Count > 3 ? $"; and {summaries.Count - 3} more" : string.Empty);
        return ([new HealthFinding(level == "HEALTH_ERR" ? FindingSeverity.Critical : FindingSeverity.Warning, "ceph", "Ceph", level + detail, "cluster_overview aspect=ceph")], null);
    }

    /// <summary>The errors a cluster without Ceph answers its reads with.</summary>
    internal static bool CephAbsent(ProxmoxApiException exception) =>
        exception.StatusCode == 500 && (exception.ServerMessage.Contains("not installed", StringComparison.OrdinalIgnoreCase)
            || exception.ServerMessage.Contains("not initialized", StringComparison.OrdinalIgnoreCase)
            || exception.ServerMessage.Contains("not configured", StringComparison.OrdinalIgnoreCase));

    private async Task<(List<HealthFinding> Findings, string? Note)> CertificatesCheckAsync(IReadOnlyList<string> nodes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (answers, errors) = await PerNodeAsync(nodes, node => api.GetAsync(ApiPath.Build("nodes", node, "certificates", "info"), cancellationToken: cancellationToken)).ConfigureAwait(false);
        var findings = new List<HealthFinding>();
        var count = 0;
        foreach (var (node, certificates) in answers)
        {
            foreach (var certificate in certificates.Items())
            {
                count++;
                if (Units.FromUnix(certificate.Int64("notafter")) is not { } expires)
                {
                    continue;
                }
                var file = certificate.String("filename") ?? "?";
                var left = (expires - now).TotalDays;
                if (left < 0)
                {
                    findings.Add(new HealthFinding(FindingSeverity.Critical, "certificates", $"certificate {file} on {node}",
                        $"expired {Ago(now - expires)} ago ({expires:yyyy-MM-dd}): clients and cluster links refuse it", $"node_diagnostics node={node} aspect=certificates", node));
                }
                else if (left < CertificateWarningDays)
                {
                    findings.Add(new HealthFinding(FindingSeverity.Warning, "certificates", $"certificate {file} on {node}",
                        string.Create(CultureInfo.InvariantCulture, $"expires in {Math.Floor(left):0} days ({expires:yyyy-MM-dd})"), $"node_diagnostics node={node} aspect=certificates", node));
                }
            }
        }
        return (findings, $"{count} certificates on {answers.Count} online nodes" + Unread(errors));
    }

    private async Task<(List<HealthFinding> Findings, string? Note)> UpdatesCheckAsync(IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        var (answers, errors) = await PerNodeAsync(nodes, node => api.GetAsync(ApiPath.Build("nodes", node, "apt", "versions"), cancellationToken: cancellationToken)).ConfigureAwait(false);
        var findings = new List<HealthFinding>();
        foreach (var (node, packages) in answers)
        {
            var updates = Updates(packages);
            if (updates.Count > 0)
            {
                var listed = string.Join(", ", updates.Take(3).Select(u => $"{u.Package} {u.Installed} -> {u.Available}")) + (updates.Count > 3 ? $", and {updates.Count - 3} more" : string.Empty);
                findings.Add(new HealthFinding(FindingSeverity.Info, "updates", $"node {node}", $"{updates.Count} Proxmox package update(s) available: {listed}",
                    $"node_diagnostics node={node} aspect=updates", node));
            }
        }
        return (findings, $"Proxmox packages on {answers.Count} online nodes" + Unread(errors));
    }

    private async Task<(List<HealthFinding> Findings, string? Note)> GuestAgentsCheckAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        var online = snapshot.Nodes.Where(n => n.Online).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var running = snapshot.Guests.Where(g => g.Kind == GuestKind.Vm && g.Status == "running" && !g.Template && online.Contains(g.Node)).OrderBy(g => g.Vmid).ToList();
        var probed = running.Take(MaxAgentProbes).ToList();
        using var gate = new SemaphoreSlim(8);
        var outcomes = await Task.WhenAll(probed.Select(async guest =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await ProbeAgentAsync(guest, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        var findings = outcomes.Select(o => o.Finding).OfType<HealthFinding>().ToList();
        var unknown = outcomes.Where(o => o.Unknown is not null).Select(o => o.Unknown!).ToList();
        var note = $"{probed.Count - unknown.Count} running VMs checked";
        if (unknown.Count > 0)
        {
            note += $"; could not check {string.Join("; ", unknown.Take(3))}" + (unknown.Count > 3 ? $"; and {unknown.Count - 3} more" : string.Empty);
        }
        if (running.Count > probed.Count)
        {
            note += $"; {running.Count - probed.Count} more running VMs not checked (guest_details aspect=agent checks one)";
        }
        return (findings, note);
    }

    /// <summary>
    /// A finding when the VM has the agent enabled and it does not answer; or why it could not be told
    /// (the token may not ask, the VM's status could not be read): never a finding for what was not seen.
    /// </summary>
    private async Task<(HealthFinding? Finding, string? Unknown)> ProbeAgentAsync(GuestInfo guest, CancellationToken cancellationToken)
    {
        var basePath = ApiPath.Build("nodes", guest.Node, "qemu", guest.Vmid);
        JsonElement status;
        try
        {
            status = await api.GetAsync(basePath + "/status/current", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ProxmoxApiException exception)
        {
            return (null, $"{guest.Label} ({exception.StatusCode})");
        }
        if (status.Int64("agent") != 1 || status.String("qmpstatus") is { } qmp && qmp != "running")
        {
            return (null, null);
        }
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(AgentProbeTimeout);
        string problem;
        try
        {
            await api.GetAsync(basePath + "/agent/get-osinfo", cancellationToken: probe.Token).ConfigureAwait(false);
            return (null, null);
        }
        catch (ProxmoxApiException exception) when (exception.StatusCode is 401 or 403)
        {
            return (null, $"{guest.Label} (the token lacks VM.GuestAgent.Audit)");
        }
        catch (ProxmoxApiException exception)
        {
            problem = exception.ServerMessage.Length > 0 ? exception.ServerMessage : exception.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problem = $"no answer within {AgentProbeTimeout.TotalSeconds:0} s";
        }
        return (new HealthFinding(FindingSeverity.Warning, "guest_agents", $"{guest.Label} ({guest.Name})",
            $"the guest agent is enabled but does not answer ({problem}): IP addresses, file system freeze for backups and clean shutdowns depend on it",
            $"guest_details vmid={guest.Vmid} aspect=agent", guest.Node, guest.Vmid), null);
    }

    /// <summary>Proxmox packages with a newer version available, from apt/versions (Version is the candidate, OldVersion the installed one).</summary>
    internal static List<PackageUpdate> Updates(JsonElement packages) =>
        packages.Items()
            .Where(p => p.String("OldVersion") is { Length: > 0 } && p.String("Version") is { Length: > 0 } && p.String("OldVersion") != p.String("Version"))
            .Where(p => p.String("CurrentState") is null or "Installed")
            .Select(p => new PackageUpdate(p.String("Package") ?? "?", p.String("OldVersion")!, p.String("Version")!))
            .OrderBy(u => u.Package, StringComparer.Ordinal)
            .ToList();

    /// <summary>One read per node, in parallel; the nodes whose read failed are returned with the reason instead.</summary>
    private static async Task<(List<(string Node, JsonElement Answer)> Answers, List<string> Errors)> PerNodeAsync(IReadOnlyList<string> nodes, Func<string, Task<JsonElement>> read)
    {
        var results = await Task.WhenAll(nodes.Select(async node =>
        {
            try
            {
                return (node, Answer: await read(node).ConfigureAwait(false), Error: (string?)null);
            }
            catch (ProxmoxApiException exception)
            {
                return (node, Answer: default(JsonElement), Error: exception.Message);
            }
        })).ConfigureAwait(false);
        if (results.Length > 0 && results.All(r => r.Error is not null))
        {
            throw new ProxmoxApiException(0, results[0].Error!, string.Empty, new Dictionary<string, string>());
        }
        return (results.Where(r => r.Error is null).Select(r => (r.node, r.Answer)).ToList(), results.Where(r => r.Error is not null).Select(r => $"{r.node}: {r.Error}").ToList());
    }

    private static string Unread(List<string> errors) => errors.Count == 0 ? string.Empty : "; not read: " + string.Join("; ", errors);

    /// <summary>"3 days", "5 h", "12 min": how long ago, roughly.</summary>
    internal static string Ago(TimeSpan span) => span.TotalDays >= 2
        ? $"{Math.Floor(span.TotalDays).ToString(CultureInfo.InvariantCulture)} days"
        : span.TotalHours >= 1 ? $"{Math.Floor(span.TotalHours).ToString(CultureInfo.InvariantCulture)} h" : $"{Math.Max(0, Math.Floor(span.TotalMinutes)).ToString(CultureInfo.InvariantCulture)} min";
}
