using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>/nodes/{node}/status and /nodes/{node}/network.</summary>
internal static class NodeEndpoints
{
    public static void Map(ApiRouter router, SandboxCluster cluster)
    {
        router.Map("GET", "/nodes/{node}/status", [P.Node], request =>
        {
            var node = cluster.RequireNode(request.Node);
            var used = Math.Min(node.MemoryTotal, (2L << 30) + cluster.Guests.Values.Where(g => g.Node == node.Name && g.IsRunning).Sum(g => g.MemoryMiB << 20));
            return new Dictionary<string, object?>
            {
                ["cpu"] = node.CpuLoad,
                ["wait"] = 0.001,
                ["uptime"] = (long)(cluster.Now - node.BootTime).TotalSeconds,
                ["loadavg"] = new[] { "0.42", "0.38", "0.35" },
                ["kversion"] = "Linux 6.14.11-4-pve #1 SMP PREEMPT_DYNAMIC PMX 6.14.11-4",
                ["pveversion"] = "pve-manager/9.1.3/5b1f3a2e9c7d0f44",
                ["cpuinfo"] = new Dictionary<string, object?> { ["cpus"] = node.Cores, ["cores"] = node.Cores / 2, ["sockets"] = 1, ["model"] = "AMD Ryzen 7 5700G with Radeon Graphics", ["mhz"] = "3800.000" },
                ["memory"] = new Dictionary<string, object?> { ["total"] = node.MemoryTotal, ["used"] = used, ["free"] = node.MemoryTotal - used },
                ["swap"] = new Dictionary<string, object?> { ["total"] = 8L << 30, ["used"] = 0, ["free"] = 8L << 30 },
                ["rootfs"] = new Dictionary<string, object?> { ["total"] = 96L << 30, ["used"] = 12L << 30, ["free"] = 84L << 30, ["avail"] = 79L << 30 },
                ["ksm"] = new Dictionary<string, object?> { ["shared"] = 0 },
            };
        }, ApiEndpoints.OnNode(Privileges.SysAudit));

        router.Map("GET", "/nodes/{node}/network", [P.Node, P.OneOf("type", "bridge", "bond", "eth", "alias", "vlan", "fabric", "OVSBridge", "OVSBond", "OVSPort", "OVSIntPort", "vnet", "any_bridge", "any_local_bridge", "include_sdn").Opt()], request =>
        {
            var type = request.Get("type");
            var interfaces = new List<Dictionary<string, object?>>
            {
                new() { ["iface"] = "enp1s0", ["type"] = "eth", ["active"] = 1, ["method"] = "manual", ["families"] = new[] { "inet" } },
            };
            interfaces.AddRange(cluster.Bridges.Select((bridge, i) => new Dictionary<string, object?>
            {
                ["iface"] = bridge, ["type"] = "bridge", ["active"] = 1, ["autostart"] = 1, ["bridge_ports"] = i == 0 ? "enp1s0" : string.Empty,
                ["method"] = i == 0 ? "static" : "manual", ["cidr"] = i == 0 ? "192.168.1.11/24" : null, ["families"] = new[] { "inet" },
            }));
            return interfaces.Where(i => type is null || type == (string?)i["type"] || (type is "any_bridge" or "any_local_bridge" && (string?)i["type"] == "bridge")).ToList();
        }, ApiEndpoints.OnNode(Privileges.SysAudit));
    }
}
