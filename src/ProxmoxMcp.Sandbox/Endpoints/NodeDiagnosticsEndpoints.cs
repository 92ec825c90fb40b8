using System.Globalization;
using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>
/// What an administrator reads about one node: version, journal, Proxmox package versions, disks with
/// SMART health, ZFS pools, services, certificates, subscription, and a storage's usage history.
/// </summary>
internal static class NodeDiagnosticsEndpoints
{
    public static void Map(ApiRouter router, SandboxCluster cluster)
    {
        router.Map("GET", "/nodes/{node}/version", [P.Node], _ => new Dictionary<string, object?>
        {
            ["version"] = "9.1.3",
            ["release"] = "9.1",
            ["repoid"] = "5b1f3a2e9c7d0f44",
        });

        router.Map("GET", "/nodes/{node}/journal",
            [P.Node, P.Int("since", 0).Opt(), P.Int("until", 0).Opt(), P.Int("lastentries", 0).Opt(), P.Str("startcursor").Opt(), P.Str("endcursor").Opt()], request =>
        {
            var node = cluster.RequireNode(request.Node);
            IEnumerable<JournalEntry> entries = node.Journal;
            var since = request.Int("since");
            var until = request.Int("until");
            if (since is not null || until is not null)
            {
                entries = entries.Where(e => (since is null || e.Time.ToUnixTimeSeconds() >= since) && (until is null || e.Time.ToUnixTimeSeconds() <= until));
            }
            else
            {
                // mini-journalreader prints the last entries when no range is given (50 unless told).
                var count = (int)(request.Int("lastentries") is { } n and > 0 ? n : 50);
                entries = entries.TakeLast(count);
            }
            var lines = entries.Select(e => string.Create(CultureInfo.InvariantCulture,
                $"{e.Time.UtcDateTime:MMM dd HH:mm:ss} {node.Name} {e.Identifier}{(e.Pid > 0 ? $"[{e.Pid}]" : string.Empty)}: {e.Message}")).ToList();
            // The real answer starts and ends with the journal cursors of the range it printed.
            lines.Insert(0, Cursor(node.Name, 0));
            lines.Add(Cursor(node.Name, node.Journal.Count));
            return lines;
        }, ApiEndpoints.OnNode(Privileges.SysSyslog));

        router.Map("GET", "/nodes/{node}/apt/versions", [P.Node], request =>
        {
            var node = cluster.RequireNode(request.Node);
            return node.Packages.Select(p =>
            {
                var entry = new Dictionary<string, object?>
                {
                    ["Package"] = p.Package, ["Title"] = p.Title, ["Description"] = p.Title, ["Version"] = p.Candidate, ["OldVersion"] = p.Installed,
                    ["CurrentState"] = "Installed", ["Arch"] = "amd64", ["Origin"] = "Proxmox", ["Priority"] = "optional", ["Section"] = "admin",
                };
                if (p.Package == "proxmox-ve")
                {
                    entry["RunningKernel"] = "6.14.11-4-pve";
                }
                if (p.Package == "pve-manager")
                {
                    entry["ManagerVersion"] = p.Installed;
                }
                return entry;
            }).ToList();
        }, ApiEndpoints.OnNode(Privileges.SysAudit));

        router.Map("GET", "/nodes/{node}/disks/list",
            [P.Node, P.Bool("include-partitions").Opt(), P.Bool("skipsmart").Opt(), P.OneOf("type", "unused", "journal_disks").Opt()], request =>
        {
            var node = cluster.RequireNode(request.Node);
            var skipSmart = request.Bool("skipsmart");
            return node.Disks.Where(d => request.Get("type") != "unused" || d.Used.Length == 0).Select(d =>
            {
                var entry = new Dictionary<string, object?>
                {
                    ["devpath"] = d.DevPath, ["model"] = d.Model, ["serial"] = d.Serial, ["size"] = d.Size, ["type"] = d.Type, ["gpt"] = 1, ["mounted"] = 0,
                    ["osdid"] = -1, ["osdid-list"] = Array.Empty<int>(), ["used"] = d.Used.Length == 0 ? null : d.Used, ["vendor"] = d.Model.Split(' ')[0],
                    ["wwn"] = "unknown", ["rpm"] = d.Type == "hdd" ? 5400 : 0, ["by_id_link"] = "/dev/disk/by-id/" + d.Type + "-" + d.Serial,
                };
                if (!skipSmart)
                {
                    entry["health"] = d.Health;
                    entry["wearout"] = d.Wearout is { } wear ? wear : "N/A";
                }
                return entry;
            }).ToList();
        }, request => ("/", [Privileges.SysAudit]));

        router.Map("GET", "/nodes/{node}/disks/zfs", [P.Node], request =>
            cluster.RequireNode(request.Node).ZfsPools.Select(p => new Dictionary<string, object?>
            {
                ["name"] = p.Name, ["size"] = p.Size, ["alloc"] = p.Allocated, ["free"] = p.Size - p.Allocated, ["frag"] = 4, ["dedup"] = 1.0, ["health"] = p.State,
            }).ToList(), request => ("/", [Privileges.SysAudit]));

        router.Map("GET", "/nodes/{node}/disks/zfs/{name}", [P.Node, P.Storage("name")], request =>
        {
            var pool = cluster.RequireNode(request.Node).ZfsPools.FirstOrDefault(p => p.Name == request.Get("name"))
                ?? throw ApiException.Failed($"zpool '{request.Get("name")}' does not exist");
            var detail = new Dictionary<string, object?>
            {
                ["name"] = pool.Name, ["state"] = pool.State, ["scan"] = pool.Scan, ["errors"] = pool.Errors,
                ["children"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["name"] = pool.Name, ["state"] = pool.State, ["read"] = 0, ["write"] = 0, ["cksum"] = 0, ["msg"] = string.Empty,
                        ["children"] = pool.Devices.Select(d => new Dictionary<string, object?>
                        {
                            ["name"] = d.Name, ["state"] = d.State, ["read"] = d.Read, ["write"] = d.Write, ["cksum"] = d.Checksum, ["msg"] = d.Message,
                        }).ToList(),
                    },
                },
            };
            if (pool.Status is { } status)
            {
                detail["status"] = status;
            }
            if (pool.Action is { } action)
            {
                detail["action"] = action;
            }
            return detail;
        }, request => ("/", [Privileges.SysAudit]));

        router.Map("GET", "/nodes/{node}/services", [P.Node], request =>
            cluster.RequireNode(request.Node).Services.Select(s => new Dictionary<string, object?>
            {
                ["service"] = s.Name, ["name"] = s.Name, ["desc"] = s.Description, ["state"] = s.SubState, ["active-state"] = s.ActiveState, ["unit-state"] = s.UnitState,
            }).ToList(), ApiEndpoints.OnNode(Privileges.SysAudit));

        router.Map("GET", "/nodes/{node}/certificates/info", [P.Node], request =>
            cluster.RequireNode(request.Node).Certificates.Select(c => new Dictionary<string, object?>
            {
                ["filename"] = c.FileName, ["subject"] = c.Subject, ["issuer"] = c.Issuer, ["notbefore"] = c.NotBefore.ToUnixTimeSeconds(),
                ["notafter"] = c.NotAfter.ToUnixTimeSeconds(), ["fingerprint"] = c.Fingerprint, ["san"] = c.San, ["public-key-type"] = "rsaEncryption", ["public-key-bits"] = 2048,
            }).ToList());

        router.Map("GET", "/nodes/{node}/subscription", [P.Node], request =>
        {
            var node = cluster.RequireNode(request.Node);
            var subscription = node.Subscription;
            var answer = new Dictionary<string, object?>
            {
                ["status"] = subscription.Status, ["message"] = subscription.Message, ["serverid"] = "2A1F0E6C3B9D8E7F6A5B4C3D2E1F0A9B", ["sockets"] = 1,
                ["url"] = "https://www.proxmox.com/en/proxmox-virtual-environment/pricing",
            };
            if (request.Token.Has(Privileges.SysAudit) && subscription.Key is { } key)
            {
                answer["key"] = key;
                answer["level"] = subscription.Level;
                answer["productname"] = subscription.ProductName;
                answer["nextduedate"] = subscription.NextDueDate;
                answer["regdate"] = "2025-01-10 00:00:00";
                answer["checktime"] = cluster.Now.AddDays(-2).ToUnixTimeSeconds();
            }
            return answer;
        });

        router.Map("GET", "/nodes/{node}/storage/{storage}/rrddata",
            [P.Node, P.Storage(), P.OneOf("timeframe", "hour", "day", "week", "month", "year"), P.OneOf("cf", "AVERAGE", "MAX").Opt()], request =>
        {
            var storage = StorageEndpoints.RequireStorage(cluster, request.Get("storage")!);
            var used = cluster.UsedBytes(request.Node, storage.Name);
            var growth = cluster.StorageDailyGrowth.GetValueOrDefault((request.Node, storage.Name));
            return RrdTimes(cluster.Now, request.Get("timeframe")!).Select(time => new Dictionary<string, object?>
            {
                ["time"] = time.ToUnixTimeSeconds(),
                ["used"] = (double)Math.Max(0, used - (long)(growth * (cluster.Now - time).TotalDays)),
                ["total"] = (double)storage.Total,
            }).ToList();
        }, request => ($"/storage/{request.Get("storage")}", [Privileges.DatastoreAudit, Privileges.DatastoreAllocateSpace]));
    }

    /// <summary>The 70 sample times of an RRD answer for a timeframe, oldest first, as the real round-robin archives keep them.</summary>
    internal static IEnumerable<DateTimeOffset> RrdTimes(DateTimeOffset now, string timeframe)
    {
        var step = timeframe switch
        {
            "hour" => TimeSpan.FromMinutes(1),
            "day" => TimeSpan.FromMinutes(30),
            "week" => TimeSpan.FromHours(3),
            "month" => TimeSpan.FromHours(12),
            _ => TimeSpan.FromDays(7),
        };
        var last = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / (long)step.TotalSeconds * (long)step.TotalSeconds);
        return Enumerable.Range(0, 70).Select(i => last - step * (69 - i));
    }

    private static string Cursor(string node, int position) =>
        string.Create(CultureInfo.InvariantCulture, $"s={DiagnosticsSeeder.Fingerprint(node).Replace(":", string.Empty, StringComparison.Ordinal)[..32].ToLowerInvariant()};i={position + 0x4f2a:x};b=8c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f;m={position * 600:x};t={position:x};x={position * 31:x16}");
}
