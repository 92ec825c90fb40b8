using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>A guest's firewall (options, rules, IP sets), its pending configuration changes and its usage history.</summary>
internal static class GuestDiagnosticsEndpoints
{
    public static void Map(ApiRouter router, SandboxCluster cluster, GuestType type)
    {
        var guestTemplate = $"/nodes/{{node}}/{(type == GuestType.Qemu ? "qemu" : "lxc")}/{{vmid}}";
        var audit = ApiEndpoints.OnVm(Privileges.VmAudit);

        router.Map("GET", $"{guestTemplate}/firewall/options", [P.Node, P.Vmid], request =>
            ClusterDiagnosticsEndpoints.Options(cluster.RequireGuest(request.Node, type, request.Vmid).Firewall), audit);

        router.Map("GET", $"{guestTemplate}/firewall/rules", [P.Node, P.Vmid], request =>
            ClusterDiagnosticsEndpoints.Rules(cluster.RequireGuest(request.Node, type, request.Vmid).Firewall), audit);

        router.Map("GET", $"{guestTemplate}/firewall/ipset", [P.Node, P.Vmid], request =>
            cluster.RequireGuest(request.Node, type, request.Vmid).Firewall.IpSets.Select(s =>
            {
                var entry = new Dictionary<string, object?> { ["name"] = s.Name, ["digest"] = "4c8d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d" };
                if (s.Comment is { } comment)
                {
                    entry["comment"] = comment;
                }
                return entry;
            }).ToList(), audit);

        router.Map("GET", $"{guestTemplate}/firewall/ipset/{{name}}", [P.Node, P.Vmid, P.Pattern("name", "[A-Za-z][A-Za-z0-9_-]+")], request =>
        {
            var guest = cluster.RequireGuest(request.Node, type, request.Vmid);
            var set = guest.Firewall.IpSets.FirstOrDefault(s => s.Name == request.Get("name")) ?? throw ApiException.Failed($"no such IPSet '{request.Get("name")}'");
            return set.Entries.Select(e =>
            {
                var entry = new Dictionary<string, object?> { ["cidr"] = e.Cidr, ["digest"] = "4c8d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d" };
                if (e.Comment is { } comment)
                {
                    entry["comment"] = comment;
                }
                if (e.NoMatch)
                {
                    entry["nomatch"] = 1;
                }
                return entry;
            }).ToList();
        }, audit);

        router.Map("GET", $"{guestTemplate}/pending", [P.Node, P.Vmid], request =>
        {
            var guest = cluster.RequireGuest(request.Node, type, request.Vmid);
            var keys = guest.Config.Keys.Union(guest.Pending.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
            return keys.Select(key =>
            {
                var entry = new Dictionary<string, object?> { ["key"] = key };
                if (guest.Config.TryGetValue(key, out var value))
                {
                    entry["value"] = value;
                }
                if (guest.Pending.TryGetValue(key, out var pending))
                {
                    if (pending is null)
                    {
                        entry["delete"] = 1;
                    }
                    else
                    {
                        entry["pending"] = pending;
                    }
                }
                return entry;
            }).ToList();
        }, audit);

        router.Map("GET", $"{guestTemplate}/rrddata", [P.Node, P.Vmid, P.OneOf("timeframe", "hour", "day", "week", "month", "year"), P.OneOf("cf", "AVERAGE", "MAX").Opt()], request =>
        {
            var guest = cluster.RequireGuest(request.Node, type, request.Vmid);
            var maxMemory = guest.MemoryMiB << 20;
            return NodeDiagnosticsEndpoints.RrdTimes(cluster.Now, request.Get("timeframe")!).Select((time, i) =>
            {
                var point = new Dictionary<string, object?> { ["time"] = time.ToUnixTimeSeconds() };
                // A stopped guest has no samples: the real archives hold nothing (NaN, left out) for those times.
                var running = guest.IsRunning && (guest.StartedAt is not { } started || time >= started);
                if (running)
                {
                    var wave = (i % 10) / 10.0;
                    point["cpu"] = Math.Round(0.05 + 0.1 * wave + (guest.Vmid % 7) / 100.0, 4);
                    point["maxcpu"] = guest.Cores;
                    point["mem"] = (double)(maxMemory * (40 + (guest.Vmid + i) % 20) / 100);
                    point["maxmem"] = (double)maxMemory;
                    point["disk"] = 0.0;
                    point["maxdisk"] = (double)guest.DiskBytes;
                    point["diskread"] = 20_000.0 + 1_000 * (i % 5);
                    point["diskwrite"] = 50_000.0 + 2_000 * (i % 5);
                    point["netin"] = 10_000.0 + 500 * (i % 3);
                    point["netout"] = 4_000.0 + 250 * (i % 3);
                }
                return point;
            }).ToList();
        }, audit);
    }
}
