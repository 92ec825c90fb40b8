using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>/version, /nodes, /cluster/*, /pools, /storage, /access/permissions.</summary>
internal static class ClusterEndpoints
{
    public static void Map(ApiRouter router, SandboxCluster cluster)
    {
        router.Map("GET", "/version", [], _ => new Dictionary<string, object?>
        {
            ["version"] = "9.1.3",
            ["release"] = "9.1",
            ["repoid"] = "5b1f3a2e9c7d0f44",
        });

        router.Map("GET", "/nodes", [], request => cluster.Nodes.Select(node => NodeEntry(cluster, node, request.Token)).ToList());

        router.Map("GET", "/cluster/resources", [P.OneOf("type", "vm", "storage", "node", "sdn").Opt()], request =>
        {
            var type = request.Get("type");
            var items = new List<Dictionary<string, object?>>();
            if (type is null or "node")
            {
                items.AddRange(cluster.Nodes.Select(node => NodeEntry(cluster, node, request.Token)));
            }
            if (type is null or "vm")
            {
                items.AddRange(cluster.Guests.Values.Where(g => request.Token.Has(Privileges.VmAudit)).Select(g => GuestEndpoints.ResourceEntry(cluster, g)));
            }
            if (type is null or "storage")
            {
                foreach (var node in cluster.Nodes)
                {
                    foreach (var storage in cluster.Storages)
                    {
                        items.Add(new Dictionary<string, object?>
                        {
                            ["id"] = $"storage/{node.Name}/{storage.Name}",
                            ["type"] = "storage",
                            ["storage"] = storage.Name,
                            ["node"] = node.Name,
                            ["status"] = node.Online ? "available" : "unknown",
                            ["plugintype"] = storage.Type,
                            ["content"] = string.Join(',', storage.Content),
                            ["shared"] = 0,
                            ["disk"] = cluster.UsedBytes(node.Name, storage.Name),
                            ["maxdisk"] = storage.Total,
                        });
                    }
                }
            }
            return items;
        });

        router.Map("GET", "/cluster/nextid", [P.Vmid.Opt()], request =>
        {
            if (request.Int("vmid") is { } wanted)
            {
                return cluster.Guests.ContainsKey((int)wanted)
                    ? throw ApiException.Parameter("vmid", $"VM {wanted} already exists")
                    : wanted.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return cluster.NextFreeVmid().ToString(System.Globalization.CultureInfo.InvariantCulture);
        });

        router.Map("GET", "/cluster/status", [], _ =>
        {
            var items = new List<Dictionary<string, object?>>
            {
                new() { ["id"] = "cluster", ["type"] = "cluster", ["name"] = "homelab", ["nodes"] = cluster.Nodes.Count, ["quorate"] = 1, ["version"] = 5 },
            };
            items.AddRange(cluster.Nodes.Select((node, i) => new Dictionary<string, object?>
            {
                ["id"] = $"node/{node.Name}", ["type"] = "node", ["name"] = node.Name, ["nodeid"] = i + 1,
                ["online"] = node.Online ? 1 : 0, ["ip"] = $"192.168.1.{11 + i}", ["local"] = i == 0 ? 1 : 0, ["level"] = string.Empty,
            }));
            return items;
        });

        router.Map("GET", "/pools", [P.Formatted("poolid", "pve-poolid").Opt(), P.OneOf("type", "qemu", "lxc", "storage").Opt()], _ =>
            cluster.Pools.Select(pool => new Dictionary<string, object?> { ["poolid"] = pool, ["comment"] = string.Empty }).ToList());

        router.Map("GET", "/storage", [P.OneOf("type", "btrfs", "cephfs", "cifs", "dir", "esxi", "iscsi", "iscsidirect", "lvm", "lvmthin", "nfs", "pbs", "rbd", "zfs", "zfspool").Opt()], request =>
            cluster.Storages.Where(s => request.Get("type") is not { } t || s.Type == t).Select(s => new Dictionary<string, object?>
            {
                ["storage"] = s.Name,
                ["type"] = s.Type,
                ["content"] = string.Join(',', s.Content),
                ["digest"] = "0f4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d",
            }).ToList());

        router.Map("GET", "/cluster/ha/resources", [P.OneOf("type", "ct", "vm").Opt()], request =>
            cluster.HaResources.Where(r => request.Get("type") is not { } type || r.Key.StartsWith(type + ":", StringComparison.Ordinal))
                .Select(r => new Dictionary<string, object?> { ["sid"] = r.Key, ["type"] = r.Key[..r.Key.IndexOf(':', StringComparison.Ordinal)], ["state"] = r.Value, ["digest"] = "5d0e6b2c4a1f3e7d9b8c0a2e4f6d8b1c3e5a7f90" }).ToList());

        router.Map("GET", "/access/permissions", [P.Str("path").Opt(), P.Str("userid").Opt()], request =>
        {
            var privileges = request.Token.Privileges.Order(StringComparer.Ordinal).ToDictionary(p => p, _ => (object?)1);
            var paths = new Dictionary<string, object?> { ["/"] = privileges, ["/vms"] = privileges, ["/storage"] = privileges, ["/nodes"] = privileges };
            return request.Get("path") is { } path ? new Dictionary<string, object?> { [path] = privileges } : paths;
        });
    }

    internal static Dictionary<string, object?> NodeEntry(SandboxCluster cluster, SandboxNode node, SandboxToken token)
    {
        var entry = new Dictionary<string, object?>
        {
            ["id"] = $"node/{node.Name}",
            ["type"] = "node",
            ["node"] = node.Name,
            ["status"] = node.Online ? "online" : "offline",
            ["level"] = string.Empty,
            ["ssl_fingerprint"] = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89",
        };
        if (node.Online && token.Has(Privileges.SysAudit))
        {
            var running = cluster.Guests.Values.Where(g => g.Node == node.Name && g.IsRunning).Sum(g => g.MemoryMiB << 20);
            entry["cpu"] = node.CpuLoad;
            entry["maxcpu"] = node.Cores;
            entry["mem"] = Math.Min(node.MemoryTotal, (2L << 30) + running);
            entry["maxmem"] = node.MemoryTotal;
            entry["disk"] = 12L << 30;
            entry["maxdisk"] = 96L << 30;
            entry["uptime"] = (long)(cluster.Now - node.BootTime).TotalSeconds;
        }
        return entry;
    }
}
