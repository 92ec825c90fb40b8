using System.Globalization;
using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>
/// What VMs and containers share: listing, status, configuration, power actions, disk growth and
/// deletion (implemented for real, so anything slipping past the server's safety layers shows).
/// </summary>
internal static class GuestEndpoints
{
    public static void Map(ApiRouter router, SandboxCluster cluster, GuestType type)
    {
        var kind = type == GuestType.Qemu ? "qemu" : "lxc";
        var baseTemplate = $"/nodes/{{node}}/{kind}";
        var guestTemplate = $"{baseTemplate}/{{vmid}}";

        router.Map("GET", baseTemplate, type == GuestType.Qemu ? [P.Node, P.Bool("full").Opt()] : [P.Node], request =>
            cluster.Guests.Values.Where(g => g.Node == request.Node && g.Type == type && request.Token.Has(Privileges.VmAudit))
                .Select(g => ListEntry(cluster, g)).ToList());

        router.Map("GET", $"{guestTemplate}/status/current", [P.Node, P.Vmid], request =>
            Status(cluster, cluster.RequireGuest(request.Node, type, request.Vmid)), ApiEndpoints.OnVm(Privileges.VmAudit));

        router.Map("GET", $"{guestTemplate}/config", type == GuestType.Qemu
            ? [P.Node, P.Vmid, P.Bool("current").Opt(), P.Formatted("snapshot", "pve-configid", 40).Opt()]
            : [P.Node, P.Vmid, P.Bool("current").Opt(), P.Formatted("snapshot", "pve-configid", 40).Opt()], request =>
        {
            var guest = cluster.RequireGuest(request.Node, type, request.Vmid);
            var config = new Dictionary<string, object?>();
            IReadOnlyDictionary<string, string> source = guest.Config;
            if (request.Get("snapshot") is { } snapshot)
            {
                source = guest.Snapshots.FirstOrDefault(s => s.Name == snapshot)?.Config ?? throw ApiException.Failed($"snapshot '{snapshot}' does not exist");
            }
            foreach (var (key, value) in source)
            {
                config[key] = IsInteger(type, key) && long.TryParse(value, CultureInfo.InvariantCulture, out var number) ? number : value;
            }
            if (request.Get("snapshot") is null && !request.Bool("current"))
            {
                // As the real server does: pending values are shown as the configuration unless current=1.
                foreach (var (key, value) in guest.Pending)
                {
                    if (value is null)
                    {
                        config.Remove(key);
                    }
                    else
                    {
                        config[key] = IsInteger(type, key) && long.TryParse(value, CultureInfo.InvariantCulture, out var number) ? number : value;
                    }
                }
            }
            if (guest.Lock is { } held)
            {
                config["lock"] = held;
            }
            config["digest"] = guest.Digest;
            return config;
        }, ApiEndpoints.OnVm(Privileges.VmAudit));

        MapPowerActions(router, cluster, type, guestTemplate);

        if (type == GuestType.Qemu)
        {
            router.Map("POST", $"{guestTemplate}/config", GuestParams.QemuUpdate(async: true), request =>
            {
                UpdateConfig(cluster, request, type);
                return cluster.StartTask(request.Node, "qmconfig", request.Vmid.ToString(CultureInfo.InvariantCulture), request.Token.TokenId, null, TimeSpan.FromMilliseconds(50), "update VM config");
            }, ApiEndpoints.OnVm(ConfigPrivileges));
            router.Map("PUT", $"{guestTemplate}/config", GuestParams.QemuUpdate(async: false), request =>
            {
                UpdateConfig(cluster, request, type);
                return null;
            }, ApiEndpoints.OnVm(ConfigPrivileges));
        }
        else
        {
            router.Map("PUT", $"{guestTemplate}/config", GuestParams.LxcUpdate, request =>
            {
                UpdateConfig(cluster, request, type);
                return null;
            }, ApiEndpoints.OnVm(ConfigPrivileges));
        }

        var diskEnum = type == GuestType.Qemu
            ? Enumerable.Range(0, 31).Select(i => $"scsi{i}").Concat(Enumerable.Range(0, 16).Select(i => $"virtio{i}")).Concat(Enumerable.Range(0, 6).Select(i => $"sata{i}")).Concat(Enumerable.Range(0, 4).Select(i => $"ide{i}")).Append("efidisk0").Append("tpmstate0").ToArray()
            : Enumerable.Range(0, 256).Select(i => $"mp{i}").Prepend("rootfs").ToArray();
        router.Map("PUT", $"{guestTemplate}/resize",
            type == GuestType.Qemu
                ? [P.Node, P.Vmid, P.OneOf("disk", diskEnum), P.Pattern("size", @"\+?\d+(\.\d+)?[KMGT]?"), P.Str("digest", 40).Opt(), P.Bool("skiplock").Opt()]
                : [P.Node, P.Vmid, P.OneOf("disk", diskEnum), P.Pattern("size", @"\+?\d+(\.\d+)?[KMGT]?"), P.Str("digest", 40).Opt()],
            request => Resize(cluster, request, type), ApiEndpoints.OnVm(Privileges.VmConfigDisk));

        router.Map("DELETE", guestTemplate,
            type == GuestType.Qemu
                ? [P.Node, P.Vmid, P.Bool("purge").Opt(), P.Bool("destroy-unreferenced-disks").Opt(), P.Bool("skiplock").Opt()]
                : [P.Node, P.Vmid, P.Bool("purge").Opt(), P.Bool("destroy-unreferenced-disks").Opt(), P.Bool("force").Opt()],
            request =>
            {
                var guest = cluster.RequireGuest(request.Node, type, request.Vmid);
                cluster.EnsureUnlocked(guest);
                if (guest.IsRunning && !request.Bool("force"))
                {
                    throw ApiException.Failed($"{guest.Noun} {guest.Vmid} is running - destroy failed");
                }
                if (guest.Config.TryGetValue("protection", out var protection) && protection == "1")
                {
                    throw ApiException.Failed($"can't remove {guest.Noun} {guest.Vmid} - protection mode enabled");
                }
                return cluster.StartTask(request.Node, type == GuestType.Qemu ? "qmdestroy" : "vzdestroy", guest.Vmid.ToString(CultureInfo.InvariantCulture), request.Token.TokenId, _ =>
                {
                    cluster.FreeDisks(guest);
                    cluster.Guests.Remove(guest.Vmid);
                    return null;
                });
            }, ApiEndpoints.OnVm(Privileges.VmAllocate));

        if (type == GuestType.Lxc)
        {
            router.Map("GET", $"{guestTemplate}/interfaces", [P.Node, P.Vmid], request =>
            {
                var guest = cluster.RequireGuest(request.Node, type, request.Vmid);
                if (!guest.IsRunning)
                {
                    throw ApiException.Failed($"CT {guest.Vmid} not running");
                }
                return AgentEndpoints.Interfaces(guest).Select(i => new Dictionary<string, object?>
                {
                    ["name"] = i.Name,
                    ["hwaddr"] = i.Mac,
                    ["hardware-address"] = i.Mac,
                    ["inet"] = i.Ipv4 is null ? null : i.Ipv4 + "/24",
                    ["inet6"] = i.Ipv6 is null ? null : i.Ipv6 + "/64",
                }).ToList();
            }, ApiEndpoints.OnVm(Privileges.VmAudit));
        }
    }

    private static readonly string[] ConfigPrivileges =
    [
        Privileges.VmConfigDisk, Privileges.VmConfigCdrom, Privileges.VmConfigCpu, Privileges.VmConfigMemory,
        Privileges.VmConfigNetwork, Privileges.VmConfigHwType, Privileges.VmConfigOptions, Privileges.VmConfigCloudinit,
    ];

    private static void MapPowerActions(ApiRouter router, SandboxCluster cluster, GuestType type, string guestTemplate)
    {
        var qemu = type == GuestType.Qemu;
        var prefix = qemu ? "qm" : "vz";
        var power = ApiEndpoints.OnVm(Privileges.VmPowerMgmt);

        router.Map("POST", $"{guestTemplate}/status/start", qemu
            ? [P.Node, P.Vmid, P.Bool("skiplock").Opt(), P.Int("timeout", 0).Opt(), P.Formatted("migratedfrom", "pve-node").Opt()]
            : [P.Node, P.Vmid, P.Bool("skiplock").Opt(), P.Bool("debug").Opt()], request =>
        {
            var guest = Guest(cluster, request, type);
            if (guest.IsTemplate)
            {
                throw ApiException.Failed(qemu ? "you can't start a vm if it's a template" : "you can't start a CT if it's a template");
            }
            return Task(cluster, request, guest, prefix + "start", g =>
            {
                if (g.IsRunning)
                {
                    return $"{g.Noun} {g.Vmid} already running";
                }
                foreach (var (key, value) in g.Config.Where(c => c.Key.StartsWith("net", StringComparison.Ordinal)))
                {
                    var bridge = value.Split(',').Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == "bridge")?[1];
                    if (bridge is not null && !cluster.Bridges.Contains(bridge))
                    {
                        return $"bridge '{bridge}' does not exist";
                    }
                }
                g.Status = "running";
                g.Paused = false;
                g.StartedAt = cluster.Now;
                return null;
            });
        }, power);

        router.Map("POST", $"{guestTemplate}/status/stop", qemu
            ? [P.Node, P.Vmid, P.Bool("skiplock").Opt(), P.Int("timeout", 0).Opt(), P.Bool("keepActive").Opt(), P.Bool("overrule-shutdown").Opt()]
            : [P.Node, P.Vmid, P.Bool("skiplock").Opt(), P.Bool("overrule-shutdown").Opt()], request =>
            Task(cluster, request, Guest(cluster, request, type), prefix + "stop", g =>
            {
                g.Status = "stopped";
                g.Paused = false;
                g.StartedAt = null;
                return null;
            }), power);

        router.Map("POST", $"{guestTemplate}/status/shutdown", qemu
            ? [P.Node, P.Vmid, P.Bool("skiplock").Opt(), P.Int("timeout", 0).Opt(), P.Bool("forceStop").Opt(), P.Bool("keepActive").Opt()]
            : [P.Node, P.Vmid, P.Int("timeout", 0).Opt(), P.Bool("forceStop").Opt()], request =>
            Task(cluster, request, RunningGuest(cluster, request, type), prefix + "shutdown", g =>
            {
                g.Status = "stopped";
                g.Paused = false;
                g.StartedAt = null;
                return null;
            }), power);

        router.Map("POST", $"{guestTemplate}/status/reboot", [P.Node, P.Vmid, P.Int("timeout", 0).Opt()], request =>
            Task(cluster, request, RunningGuest(cluster, request, type), prefix + "reboot", g =>
            {
                g.StartedAt = cluster.Now;
                return null;
            }), power);

        if (qemu)
        {
            router.Map("POST", $"{guestTemplate}/status/suspend", [P.Node, P.Vmid, P.Bool("skiplock").Opt(), P.Bool("todisk").Opt(), P.Storage("statestorage").Opt()], request =>
            {
                if (request.Bool("todisk"))
                {
                    throw ApiException.Failed("suspend to disk is not simulated");
                }
                return Task(cluster, request, RunningGuest(cluster, request, type), "qmsuspend", g =>
                {
                    g.Paused = true;
                    return null;
                });
            }, power);

            router.Map("POST", $"{guestTemplate}/status/resume", [P.Node, P.Vmid, P.Bool("skiplock").Opt(), P.Bool("nocheck").Opt()], request =>
                Task(cluster, request, RunningGuest(cluster, request, type), "qmresume", g =>
                {
                    g.Paused = false;
                    return null;
                }), power);
        }
    }

    private static SandboxGuest Guest(SandboxCluster cluster, SandboxRequest request, GuestType type)
    {
        var guest = cluster.RequireGuest(request.Node, type, request.Vmid);
        if (!request.Bool("skiplock"))
        {
            cluster.EnsureUnlocked(guest);
        }
        return guest;
    }

    private static SandboxGuest RunningGuest(SandboxCluster cluster, SandboxRequest request, GuestType type)
    {
        var guest = Guest(cluster, request, type);
        return guest.IsRunning ? guest : throw ApiException.Failed($"{guest.Noun} {guest.Vmid} not running");
    }

    private static string Task(SandboxCluster cluster, SandboxRequest request, SandboxGuest guest, string taskType, Func<SandboxGuest, string?> effect) =>
        cluster.StartTask(request.Node, taskType, guest.Vmid.ToString(CultureInfo.InvariantCulture), request.Token.TokenId,
            _ => cluster.Guests.TryGetValue(guest.Vmid, out var current) ? effect(current) : $"{guest.Noun} {guest.Vmid} does not exist",
            null, $"{taskType} {guest.Vmid}");

    private static void UpdateConfig(SandboxCluster cluster, SandboxRequest request, GuestType type)
    {
        var guest = cluster.RequireGuest(request.Node, type, request.Vmid);
        if (!request.Bool("skiplock"))
        {
            cluster.EnsureUnlocked(guest);
        }
        if (request.Get("digest") is { } digest && !string.Equals(digest, guest.Digest, StringComparison.Ordinal))
        {
            throw ApiException.Failed("detected modified configuration - file changed by other user? Try again.");
        }
        var path = $"/vms/{guest.Vmid}";
        var deletions = (request.Get("delete") ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
        var settings = request.OptionKeys("node", "vmid", "digest", "delete", "revert", "skiplock", "force", "background_delay").ToList();
        foreach (var key in deletions.Concat(settings))
        {
            ApiEndpoints.Require(request, path, GuestParams.PrivilegeFor(key));
        }
        foreach (var key in deletions)
        {
            if (!guest.Config.TryGetValue(key, out var value))
            {
                continue;
            }
            guest.Config.Remove(key);
            if (key.StartsWith("unused", StringComparison.Ordinal) || (SandboxGuest.IsDiskKey(key) && request.Bool("force")))
            {
                var volid = value.Split(',')[0];
                cluster.Volumes.RemoveAll(v => v.Node == guest.Node && v.VolId == volid);
            }
            else if (SandboxGuest.IsDiskKey(key) && !value.Contains("media=cdrom", StringComparison.Ordinal))
            {
                var index = 0;
                while (guest.Config.ContainsKey($"unused{index}"))
                {
                    index++;
                }
                guest.Config[$"unused{index}"] = value.Split(',')[0];
            }
        }
        foreach (var key in settings)
        {
            var value = request.Get(key)!;
            if (SandboxGuest.IsDiskKey(key))
            {
                value = AllocateIfRequested(cluster, guest, value);
            }
            guest.Config[key] = key == "tags" ? TagStyle.Unique(value) : NormalizeBoolean(type, key, value);
            // The new value replaces one that was waiting for the next start.
            guest.Pending.Remove(key);
        }
    }

    /// <summary>"local-lvm:10" asks for a new 10 GiB volume, as in the real config syntax.</summary>
    internal static string AllocateIfRequested(SandboxCluster cluster, SandboxGuest guest, string value)
    {
        var parts = value.Split(',');
        var head = parts[0].Split(':', 2);
        if (head.Length == 2 && double.TryParse(head[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var gib))
        {
            var bytes = (long)(gib * (1L << 30));
            var volid = cluster.AllocateDisk(guest.Node, head[0], guest.Vmid, bytes, guest.Type == GuestType.Lxc ? "subvol" : "vm");
            return string.Join(',', new[] { volid }.Concat(parts.Skip(1).Where(p => !p.StartsWith("size=", StringComparison.Ordinal))).Append($"size={SandboxGuest.FormatSize(bytes)}"));
        }
        return value;
    }

    private static string NormalizeBoolean(GuestType type, string key, string value) =>
        key is "onboot" or "protection" or "template" or "numa" or "unprivileged" or "start"
            ? (value.ToLowerInvariant() is "1" or "true" or "yes" or "on" ? "1" : "0")
            : value;

    private static object? Resize(SandboxCluster cluster, SandboxRequest request, GuestType type)
    {
        var guest = cluster.RequireGuest(request.Node, type, request.Vmid);
        if (!request.Bool("skiplock"))
        {
            cluster.EnsureUnlocked(guest);
        }
        if (request.Get("digest") is { } digest && digest != guest.Digest)
        {
            throw ApiException.Failed("detected modified configuration - file changed by other user? Try again.");
        }
        var disk = request.Get("disk")!;
        if (!guest.Config.TryGetValue(disk, out var value))
        {
            throw ApiException.Failed($"disk '{disk}' does not exist");
        }
        var current = guest.Disks().FirstOrDefault(d => d.Key == disk);
        var size = request.Get("size")!;
        var requested = size.StartsWith('+') ? current.Bytes + SandboxGuest.ParseSize(size[1..]) : SandboxGuest.ParseSize(size);
        if (requested < current.Bytes)
        {
            throw ApiException.Failed("shrinking disks is not supported");
        }
        return cluster.StartTask(request.Node, type == GuestType.Qemu ? "resize" : "resize", guest.Vmid.ToString(CultureInfo.InvariantCulture), request.Token.TokenId, _ =>
        {
            var parts = value.Split(',').Where(p => !p.StartsWith("size=", StringComparison.Ordinal)).Append($"size={SandboxGuest.FormatSize(requested)}");
            guest.Config[disk] = string.Join(',', parts);
            var volid = value.Split(',')[0];
            var index = cluster.Volumes.FindIndex(v => v.Node == guest.Node && v.VolId == volid);
            if (index >= 0)
            {
                cluster.Volumes[index] = cluster.Volumes[index] with { Size = requested };
            }
            return null;
        }, TimeSpan.FromMilliseconds(100), $"resize {disk} to {requested} bytes");
    }

    internal static Dictionary<string, object?> ListEntry(SandboxCluster cluster, SandboxGuest guest)
    {
        var entry = Usage(cluster, guest);
        entry["vmid"] = guest.Type == GuestType.Lxc ? guest.Vmid.ToString(CultureInfo.InvariantCulture) : guest.Vmid;
        entry["name"] = guest.Name;
        entry["status"] = guest.Status;
        if (guest.Type == GuestType.Lxc)
        {
            entry["type"] = "lxc";
        }
        if (guest.IsTemplate)
        {
            entry["template"] = 1;
        }
        if (guest.Tags.Length > 0)
        {
            entry["tags"] = guest.Tags;
        }
        if (guest.Lock is { } held)
        {
            entry["lock"] = held;
        }
        return entry;
    }

    internal static Dictionary<string, object?> ResourceEntry(SandboxCluster cluster, SandboxGuest guest)
    {
        var nodeOnline = cluster.FindNode(guest.Node)?.Online ?? false;
        var entry = nodeOnline ? Usage(cluster, guest) : new Dictionary<string, object?> { ["maxmem"] = guest.MemoryMiB << 20, ["maxcpu"] = guest.Cores, ["maxdisk"] = guest.DiskBytes };
        entry["id"] = $"{guest.Kind}/{guest.Vmid}";
        entry["type"] = guest.Kind;
        entry["vmid"] = guest.Vmid;
        entry["name"] = guest.Name;
        entry["node"] = guest.Node;
        entry["status"] = nodeOnline ? guest.Status : "unknown";
        entry["template"] = guest.IsTemplate ? 1 : 0;
        if (guest.Tags.Length > 0)
        {
            entry["tags"] = guest.Tags;
        }
        if (guest.Pool is { } pool)
        {
            entry["pool"] = pool;
        }
        if (guest.Lock is { } held)
        {
            entry["lock"] = held;
        }
        return entry;
    }

    private static Dictionary<string, object?> Usage(SandboxCluster cluster, SandboxGuest guest)
    {
        var running = guest.IsRunning;
        var maxMem = guest.MemoryMiB << 20;
        return new Dictionary<string, object?>
        {
            ["cpu"] = running ? Math.Round(0.01 + (guest.Vmid % 17) / 100.0, 4) : 0,
            ["cpus"] = guest.Cores,
            ["maxcpu"] = guest.Cores,
            ["mem"] = running ? maxMem * (40 + guest.Vmid % 40) / 100 : 0,
            ["maxmem"] = maxMem,
            ["disk"] = guest.Type == GuestType.Lxc && running ? guest.DiskBytes / 3 : 0,
            ["maxdisk"] = guest.DiskBytes,
            ["uptime"] = running && guest.StartedAt is { } started ? (long)(cluster.Now - started).TotalSeconds : 0,
            ["netin"] = running ? 1_000_000L * guest.Vmid : 0,
            ["netout"] = running ? 500_000L * guest.Vmid : 0,
        };
    }

    private static Dictionary<string, object?> Status(SandboxCluster cluster, SandboxGuest guest)
    {
        var status = Usage(cluster, guest);
        status["vmid"] = guest.Type == GuestType.Lxc ? guest.Vmid.ToString(CultureInfo.InvariantCulture) : guest.Vmid;
        status["name"] = guest.Name;
        status["status"] = guest.Status;
        if (guest.Type == GuestType.Qemu)
        {
            status["qmpstatus"] = guest.IsRunning ? (guest.Paused ? "paused" : "running") : "stopped";
            status["agent"] = guest.AgentConfigured ? 1 : 0;
            status["ha"] = new Dictionary<string, object?> { ["managed"] = cluster.HaResources.Any(r => r.Sid == $"vm:{guest.Vmid}") ? 1 : 0 };
            if (guest.IsRunning)
            {
                status["pid"] = 10_000 + guest.Vmid;
                status["running-machine"] = "pc-q35-9.2+pve1";
                status["running-qemu"] = "9.2.0";
            }
        }
        else
        {
            status["type"] = "lxc";
            status["maxswap"] = 512L << 20;
            status["swap"] = 0;
        }
        if (guest.IsTemplate)
        {
            status["template"] = 1;
        }
        if (guest.Tags.Length > 0)
        {
            status["tags"] = guest.Tags;
        }
        if (guest.Lock is { } held)
        {
            status["lock"] = held;
        }
        return status;
    }

    private static bool IsInteger(GuestType type, string key) =>
        key is "cores" or "sockets" or "template" or "onboot" or "balloon" or "protection" or "numa"
        || (type == GuestType.Lxc && key is "memory" or "swap" or "unprivileged");
}
