using System.Globalization;
using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>
/// Creating and cloning guests. The new guest exists at once, locked (create or clone) until its
/// task ends, as on a real node. Restores (archive/restore with force) are implemented for real so
/// that a leak past the server's policy would overwrite a guest visibly.
/// </summary>
internal static class ProvisionEndpoints
{
    public static void Map(ApiRouter router, SandboxCluster cluster)
    {
        router.Map("POST", "/nodes/{node}/qemu", GuestParams.QemuCreate, request => CreateVm(cluster, request), ApiEndpoints.OnVm(Privileges.VmAllocate));
        router.Map("POST", "/nodes/{node}/lxc", GuestParams.LxcCreate, request => CreateContainer(cluster, request), ApiEndpoints.OnVm(Privileges.VmAllocate));

        router.Map("POST", "/nodes/{node}/qemu/{vmid}/clone",
        [
            P.Node, P.Vmid, P.VmidNamed("newid"), P.Formatted("name", "dns-name").Opt(), P.Bool("full").Opt(), P.Formatted("target", "pve-node").Opt(),
            P.Storage().Opt(), P.Formatted("pool", "pve-poolid").Opt(), P.Str("description").Opt(), P.Formatted("snapname", "pve-configid", 40).Opt(),
            P.OneOf("format", "raw", "qcow2", "vmdk").Opt(), P.Int("bwlimit", 0).Opt(),
        ], request => Clone(cluster, request, GuestType.Qemu), ApiEndpoints.OnVm(Privileges.VmClone));

        router.Map("POST", "/nodes/{node}/lxc/{vmid}/clone",
        [
            P.Node, P.Vmid, P.VmidNamed("newid"), P.Formatted("hostname", "dns-name").Opt(), P.Bool("full").Opt(), P.Formatted("target", "pve-node").Opt(),
            P.Storage().Opt(), P.Formatted("pool", "pve-poolid").Opt(), P.Str("description").Opt(), P.Formatted("snapname", "pve-configid", 40).Opt(),
            P.Num("bwlimit", 0).Opt(),
        ], request => Clone(cluster, request, GuestType.Lxc), ApiEndpoints.OnVm(Privileges.VmClone));
    }

    private static string CreateVm(SandboxCluster cluster, SandboxRequest request)
    {
        var vmid = request.Vmid;
        CheckPool(cluster, request);
        if (cluster.Guests.TryGetValue(vmid, out var existing))
        {
            var overwrite = request.Has("archive") && request.Bool("force");
            if (!overwrite)
            {
                throw ApiException.Failed($"unable to create VM {vmid} - VM {vmid} already exists");
            }
            cluster.FreeDisks(existing);
            cluster.Guests.Remove(vmid);
        }
        var guest = new SandboxGuest(vmid, GuestType.Qemu, request.Node)
        {
            Lock = "create",
            Pool = request.Get("pool"),
            InstalledOs = request.Get("ostype") is { } os && os.StartsWith('w') ? "windows" : "linux",
        };
        guest.Config["smbios1"] = $"uuid={Guid.NewGuid()}";
        guest.Config["vmgenid"] = Guid.NewGuid().ToString();
        if (request.Get("archive") is { } archive)
        {
            guest.Config["name"] = $"restored-{vmid}";
            guest.Config["memory"] = "2048";
            guest.Config["scsi0"] = cluster.AllocateDisk(request.Node, "local-lvm", vmid, 8L << 30) + ",size=8G";
            guest.Config["description"] = $"restored from {archive}";
        }
        foreach (var key in request.OptionKeys("node", "vmid", "start", "pool", "storage", "archive", "force", "unique"))
        {
            var value = request.Get(key)!;
            if (key.StartsWith("net", StringComparison.Ordinal) && !value.Split(',')[0].Contains('=', StringComparison.Ordinal))
            {
                // "virtio,bridge=vmbr0" gets its MAC address, as the real server writes it: "virtio=BC:24:11:..,bridge=vmbr0".
                var parts = value.Split(',');
                parts[0] += $"={ClusterSeeder.Mac(vmid)}";
                value = string.Join(',', parts);
            }
            if (SandboxGuest.IsDiskKey(key))
            {
                CheckVolumeExists(cluster, request.Node, value);
                value = GuestEndpoints.AllocateIfRequested(cluster, guest, value);
            }
            guest.Config[key] = key is "onboot" or "protection" or "numa" ? (request.Bool(key) ? "1" : "0") : key == "tags" ? TagStyle.Unique(value) : value;
        }
        cluster.Guests[vmid] = guest;
        var start = request.Bool("start");
        return cluster.StartTask(request.Node, request.Has("archive") ? "qmrestore" : "qmcreate", vmid.ToString(CultureInfo.InvariantCulture), request.Token.TokenId, _ =>
        {
            guest.Lock = null;
            if (start)
            {
                guest.Status = "running";
                guest.StartedAt = cluster.Now;
            }
            return null;
        }, null, $"create VM {vmid}");
    }

    private static string CreateContainer(SandboxCluster cluster, SandboxRequest request)
    {
        var vmid = request.Vmid;
        CheckPool(cluster, request);
        var restore = request.Bool("restore");
        if (cluster.Guests.TryGetValue(vmid, out var existing))
        {
            if (!(restore && request.Bool("force")))
            {
                throw ApiException.Failed($"unable to create CT {vmid} - CT {vmid} already exists on node '{existing.Node}'");
            }
            cluster.FreeDisks(existing);
            cluster.Guests.Remove(vmid);
        }
        var template = request.Get("ostemplate")!;
        if (!restore && !cluster.Volumes.Any(v => v.Node == request.Node && v.VolId == template && v.Content == "vztmpl"))
        {
            throw ApiException.Failed($"volume '{template}' does not exist");
        }
        var guest = new SandboxGuest(vmid, GuestType.Lxc, request.Node) { Lock = "create", Pool = request.Get("pool") };
        guest.Config["hostname"] = $"CT{vmid}";
        guest.Config["arch"] = "amd64";
        guest.Config["ostype"] = template.Contains("alpine", StringComparison.Ordinal) ? "alpine" : template.Contains("ubuntu", StringComparison.Ordinal) ? "ubuntu" : "debian";
        guest.Config["memory"] = "512";
        guest.Config["swap"] = "512";
        guest.Config["cores"] = "1";
        foreach (var key in request.OptionKeys("node", "vmid", "start", "pool", "storage", "ostemplate", "password", "ssh-public-keys", "restore", "force", "unique"))
        {
            var value = request.Get(key)!;
            if (SandboxGuest.IsDiskKey(key))
            {
                value = GuestEndpoints.AllocateIfRequested(cluster, guest, value);
            }
            if (key.StartsWith("net", StringComparison.Ordinal) && !value.Contains("hwaddr=", StringComparison.Ordinal))
            {
                value += $",hwaddr={ClusterSeeder.Mac(vmid)},type=veth";
            }
            guest.Config[key] = key is "onboot" or "protection" or "unprivileged" ? (request.Bool(key) ? "1" : "0") : key == "tags" ? TagStyle.Unique(value) : value;
        }
        if (!guest.Config.ContainsKey("rootfs"))
        {
            guest.Config["rootfs"] = GuestEndpoints.AllocateIfRequested(cluster, guest, $"{request.Get("storage") ?? "local-lvm"}:4");
        }
        cluster.Guests[vmid] = guest;
        var start = request.Bool("start");
        return cluster.StartTask(request.Node, "vzcreate", vmid.ToString(CultureInfo.InvariantCulture), request.Token.TokenId, _ =>
        {
            guest.Lock = null;
            if (start)
            {
                guest.Status = "running";
                guest.StartedAt = cluster.Now;
            }
            return null;
        }, null, $"extracting archive '{template}'", "Detected container architecture: amd64");
    }

    private static string Clone(SandboxCluster cluster, SandboxRequest request, GuestType type)
    {
        var source = cluster.RequireGuest(request.Node, type, request.Vmid);
        var newId = (int)request.Int("newid")!.Value;
        ApiEndpoints.Require(request, $"/vms/{newId}", Privileges.VmAllocate);
        var noun = type == GuestType.Qemu ? "VM" : "CT";
        if (cluster.Guests.ContainsKey(newId))
        {
            throw ApiException.Failed($"unable to create {noun} {newId} - {noun} {newId} already exists");
        }
        CheckPool(cluster, request);
        var target = request.Get("target") ?? request.Node;
        var targetNode = cluster.FindNode(target) ?? throw ApiException.Parameter("target", $"no such cluster node '{target}'");
        if (!targetNode.Online)
        {
            throw ApiException.Failed($"target node '{target}' is not online");
        }
        var full = request.Has("full") ? request.Bool("full") : !source.IsTemplate;
        if (!full && !source.IsTemplate)
        {
            throw ApiException.Failed("Linked clone feature is not supported for a guest that is not a template; use full=1");
        }
        if (!full && target != source.Node)
        {
            throw ApiException.Failed("Linked clone feature for a different node requires shared storage");
        }
        cluster.EnsureUnlocked(source);

        var clone = new SandboxGuest(newId, type, target) { Lock = "clone", Pool = request.Get("pool"), AgentRunning = source.AgentRunning, InstalledOs = source.InstalledOs };
        foreach (var (key, value) in source.Config)
        {
            if (key is "template" or "smbios1" or "vmgenid" || key.StartsWith("unused", StringComparison.Ordinal))
            {
                continue;
            }
            clone.Config[key] = value;
        }
        if (type == GuestType.Qemu)
        {
            clone.Config["smbios1"] = $"uuid={Guid.NewGuid()}";
            clone.Config["vmgenid"] = Guid.NewGuid().ToString();
        }
        foreach (var (key, volume, bytes) in source.Disks().ToList())
        {
            var storage = request.Get("storage") ?? volume.Split(':')[0];
            var volid = cluster.AllocateDisk(target, storage, newId, bytes, type == GuestType.Lxc ? "subvol" : "vm");
            clone.Config[key] = string.Join(',', new[] { volid }.Concat(source.Config[key].Split(',').Skip(1)));
        }
        foreach (var key in clone.Config.Keys.Where(k => k.StartsWith("net", StringComparison.Ordinal)).ToList())
        {
            clone.Config[key] = System.Text.RegularExpressions.Regex.Replace(clone.Config[key], "([0-9A-F]{2}:){5}[0-9A-F]{2}", ClusterSeeder.Mac(newId));
        }
        if (request.Get(type == GuestType.Qemu ? "name" : "hostname") is { } name)
        {
            clone.Config[type == GuestType.Qemu ? "name" : "hostname"] = name;
        }
        else
        {
            clone.Config[type == GuestType.Qemu ? "name" : "hostname"] = $"Copy-of-{source.Name}";
        }
        if (request.Get("description") is { } description)
        {
            clone.Config["description"] = description;
        }
        cluster.Guests[newId] = clone;
        return cluster.StartTask(request.Node, type == GuestType.Qemu ? "qmclone" : "vzclone", source.Vmid.ToString(CultureInfo.InvariantCulture), request.Token.TokenId, _ =>
        {
            clone.Lock = null;
            return null;
        }, null, $"create {(full ? "full" : "linked")} clone of drive(s) of {noun} {source.Vmid}");
    }

    private static void CheckPool(SandboxCluster cluster, SandboxRequest request)
    {
        if (request.Get("pool") is { } pool && !cluster.Pools.Contains(pool))
        {
            throw ApiException.Failed($"pool '{pool}' does not exist");
        }
    }

    private static void CheckVolumeExists(SandboxCluster cluster, string node, string value)
    {
        var volume = value.Split(',')[0];
        if (volume.Contains(":iso/", StringComparison.Ordinal) && !cluster.Volumes.Any(v => v.Node == node && v.VolId == volume))
        {
            throw ApiException.Failed($"volume '{volume}' does not exist");
        }
    }
}
