using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>guest_details: one aspect of a VM or container.</summary>
public sealed partial class DiagnosticsTools
{
    /// <summary>IP sets read with their entries, and entries kept per set.</summary>
    private const int MaxIpSets = 20;

    private const int MaxIpSetEntries = 100;

    /// <summary>
    /// One aspect of a guest: firewall, agent (a VM's OS, file systems, users), rrd (usage summary), pending changes. When a guest misbehaves.
    /// </summary>
    /// <param name="vmid">The guest.</param>
    /// <param name="aspect">What to read.</param>
    /// <param name="timeframe">rrd: the last hour or day.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("guest_details", ToolTier.Read)]
    public async Task<GuestDetailsReport> GuestDetails([Range(100, 999_999_999)] int vmid, GuestAspect aspect, RrdTimeframe timeframe = RrdTimeframe.Hour, CancellationToken cancellationToken = default)
    {
        var guest = await locator.LocateAnyAsync(vmid, null, cancellationToken).ConfigureAwait(false);
        var basePath = ApiPath.Build("nodes", guest.Node, guest.ApiKind, vmid);
        var report = new GuestDetailsReport(vmid, guest.Kind, guest.Node, guest.Name, aspect);
        return aspect switch
        {
            GuestAspect.Firewall => await GuestFirewallAsync(report, basePath, cancellationToken).ConfigureAwait(false),
            GuestAspect.Agent => await AgentAsync(report, guest, basePath, cancellationToken).ConfigureAwait(false),
            GuestAspect.Rrd => await RrdAsync(report, basePath, timeframe, cancellationToken).ConfigureAwait(false),
            _ => await PendingAsync(report, basePath, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<GuestDetailsReport> GuestFirewallAsync(GuestDetailsReport report, string basePath, CancellationToken cancellationToken)
    {
        var optionsTask = api.GetAsync(basePath + "/firewall/options", cancellationToken: cancellationToken);
        var rulesTask = api.GetAsync(basePath + "/firewall/rules", cancellationToken: cancellationToken);
        var setsTask = api.GetAsync(basePath + "/firewall/ipset", cancellationToken: cancellationToken);
        var options = FirewallOptionsOf(await optionsTask.ConfigureAwait(false));
        var rules = FirewallRulesOf(await rulesTask.ConfigureAwait(false));
        var sets = (await setsTask.ConfigureAwait(false)).Items().ToList();
        var ipSets = new List<IpSetReport>();
        foreach (var set in sets.Take(MaxIpSets))
        {
            var name = set.String("name") ?? "?";
            var entries = SdnName().IsMatch(name)
                ? (await api.GetAsync(basePath + "/firewall/ipset/" + Uri.EscapeDataString(name), cancellationToken: cancellationToken).ConfigureAwait(false)).Items()
                    .Select(e => (e.Int64("nomatch") == 1 ? "!" : string.Empty) + (e.String("cidr") ?? "?") + (e.String("comment") is { Length: > 0 } comment ? $" ({comment})" : string.Empty))
                    .Take(MaxIpSetEntries).ToList()
                : [];
            ipSets.Add(new IpSetReport(name, set.String("comment"), entries));
        }
        var hint = options.GetValueOrDefault("enable") is "1"
            ? "The guest's rules apply only where its network devices have firewall=1 and the cluster firewall is enabled (cluster_overview aspect=firewall)."
            : "This guest's firewall is disabled (enable is not 1): its rules do not apply.";
        if (sets.Count > MaxIpSets)
        {
            hint += $" {sets.Count - MaxIpSets} more IP sets not read.";
        }
        return report with { Hint = hint, FirewallOptions = options, FirewallRules = rules, IpSets = ipSets };
    }

    private async Task<GuestDetailsReport> AgentAsync(GuestDetailsReport report, GuestInfo guest, string basePath, CancellationToken cancellationToken)
    {
        if (guest.Kind != GuestKind.Vm)
        {
            throw new ToolInputException($"{guest.Label} ({guest.Name}): containers have no guest agent (their processes run on the node); guest_network shows a container's addresses.");
        }
        if (guest.Status != "running")
        {
            throw new ToolInputException($"{guest.Label} ({guest.Name}) is {guest.Status}; its guest agent answers only while it runs.");
        }
        // Three of the guest agent's read-only commands; nothing here reads a file or runs a program in the guest.
        var osTask = api.GetAsync(basePath + "/agent/get-osinfo", cancellationToken: cancellationToken);
        var fsTask = api.GetAsync(basePath + "/agent/get-fsinfo", cancellationToken: cancellationToken);
        var usersTask = api.GetAsync(basePath + "/agent/get-users", cancellationToken: cancellationToken);
        var os = Result(await osTask.ConfigureAwait(false));
        var fileSystems = Result(await fsTask.ConfigureAwait(false)).Items()
            .Select(f => (Mount: f.String("mountpoint") ?? "?", Type: f.String("type"), Used: f.Int64("used-bytes"), Total: f.Int64("total-bytes")))
            .Where(f => f.Total is > 0)
            .DistinctBy(f => f.Mount)
            .Select(f => new GuestFileSystem(f.Mount, f.Type, Units.Gib(f.Used), Units.Gib(f.Total), f.Used is { } used ? Math.Round(100.0 * used / f.Total!.Value, 1) : null))
            .OrderByDescending(f => f.UsedPercent)
            .ToList();
        var users = Result(await usersTask.ConfigureAwait(false)).Items()
            .Select(u => new GuestUser(u.String("user") ?? "?", u.String("domain"), u.Double("login-time") is { } login ? DateTimeOffset.FromUnixTimeMilliseconds((long)(login * 1000)) : null))
            .ToList();
        var full = fileSystems.Where(f => f.UsedPercent >= 90).Select(f => f.Mountpoint).ToList();
        return report with
        {
            Os = os.String("pretty-name") ?? os.String("name"),
            Kernel = os.String("kernel-release"),
            FileSystems = fileSystems,
            Users = users,
            Hint = full.Count > 0 ? $"Nearly full inside the guest: {string.Join(", ", full)}." : null,
        };
    }

    /// <summary>The guest agent wraps every answer in "result".</summary>
    private static JsonElement Result(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("result", out var result) ? result : default;

    private async Task<GuestDetailsReport> RrdAsync(GuestDetailsReport report, string basePath, RrdTimeframe timeframe, CancellationToken cancellationToken)
    {
        var rows = await api.GetAsync(basePath + "/rrddata",
            new ProxmoxParameters().Add("timeframe", timeframe == RrdTimeframe.Day ? "day" : "hour").Add("cf", "AVERAGE"), cancellationToken).ConfigureAwait(false);
        var metrics = new[]
        {
            RrdSeries.Summarise(rows, "cpu", "cpu", "%", 100),
            RrdSeries.Summarise(rows, "mem", "memory", "MiB", 1.0 / (1 << 20)),
            RrdSeries.Summarise(rows, "diskread", "disk_read", "KiB/s", 1.0 / 1024),
            RrdSeries.Summarise(rows, "diskwrite", "disk_write", "KiB/s", 1.0 / 1024),
            RrdSeries.Summarise(rows, "netin", "net_in", "KiB/s", 1.0 / 1024),
            RrdSeries.Summarise(rows, "netout", "net_out", "KiB/s", 1.0 / 1024),
        }.OfType<RrdMetric>().ToList();
        var samples = RrdSeries.Values(rows, "cpu").Count;
        var memory = RrdSeries.Values(rows, "maxmem");
        var hint = samples == 0
            ? "No samples in this timeframe: the guest was not running."
            : memory.Count > 0 ? $"CPU in percent of its {RrdSeries.Values(rows, "maxcpu").LastOrDefault().Value:0} vCPU(s); memory of {memory[^1].Value / (1 << 20):0} MiB." : null;
        return report with { Timeframe = timeframe, Samples = samples, Metrics = metrics, Hint = hint };
    }

    private async Task<GuestDetailsReport> PendingAsync(GuestDetailsReport report, string basePath, CancellationToken cancellationToken)
    {
        var pending = (await api.GetAsync(basePath + "/pending", cancellationToken: cancellationToken).ConfigureAwait(false)).Items()
            .Where(p => p.String("pending") is not null || p.Int64("delete") is > 0)
            .Select(p => new PendingChange(p.String("key") ?? "?", Masked(p.String("key"), p.String("value")), Masked(p.String("key"), p.String("pending")), p.Int64("delete") is > 0))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        return report with
        {
            Pending = pending,
            Hint = pending.Count == 0 ? "No changes wait for a restart." : "These apply at the next start after a full stop (a reboot from inside the guest is not enough for VMs).",
        };
    }

    /// <summary>Passwords in a configuration are shown as "(set)", as the config tools do.</summary>
    private static string? Masked(string? key, string? value) => value is not null && key is "cipassword" or "password" ? "(set)" : value;
}
