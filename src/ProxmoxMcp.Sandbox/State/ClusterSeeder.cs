using System.Globalization;

namespace ProxmoxMcp.Sandbox.State;

/// <summary>
/// The cluster a newcomer explores: three nodes (pve3 offline), VMs and containers running and
/// stopped, a cloud-init template 9000, a Debian 12 container template, two storages, bridges,
/// pools, snapshots and recent tasks. Deterministic, so tests can rely on it.
/// </summary>
public static class ClusterSeeder
{
    private const long GiB = 1L << 30;

    public static void Seed(SandboxCluster cluster)
    {
        var now = cluster.Now;
        cluster.Nodes.Add(new SandboxNode("pve1", 16, 64 * GiB, now - TimeSpan.FromDays(12)) { CpuLoad = 0.18 });
        cluster.Nodes.Add(new SandboxNode("pve2", 8, 32 * GiB, now - TimeSpan.FromDays(3)) { CpuLoad = 0.06 });
        cluster.Nodes.Add(new SandboxNode("pve3", 8, 32 * GiB, now - TimeSpan.FromDays(40)) { CpuLoad = 0.0 });

        cluster.Storages.Add(new SandboxStorage("local", "dir", ["iso", "vztmpl", "backup", "snippets"], 100 * GiB, KeepLastBackups: 3));
        cluster.Storages.Add(new SandboxStorage("local-lvm", "lvmthin", ["images", "rootdir"], 800 * GiB, KeepLastBackups: 0));
        foreach (var pool in new[] { "prod", "home", "lab" })
        {
            cluster.Pools.Add(pool);
        }

        foreach (var node in cluster.Nodes)
        {
            AddIso(cluster, node.Name, "debian-12.7.0-amd64-netinst.iso", 631 * (1L << 20));
            AddIso(cluster, node.Name, "ubuntu-24.04.1-live-server-amd64.iso", 2_700 * (1L << 20));
            AddTemplate(cluster, node.Name, "debian-12-standard_12.7-1_amd64.tar.zst", 126 * (1L << 20));
            AddTemplate(cluster, node.Name, "ubuntu-24.04-standard_24.04-2_amd64.tar.zst", 141 * (1L << 20));
            AddTemplate(cluster, node.Name, "alpine-3.20-default_20240908_amd64.tar.xz", 3 * (1L << 20));
        }

        Vm(cluster, 100, "pve1", "docker", running: true, cores: 4, memory: 8192, diskGiB: 64, tags: "docker;prod", pool: "prod", agent: true);
        Vm(cluster, 101, "pve1", "homeassistant", running: true, cores: 2, memory: 4096, diskGiB: 32, tags: "home", pool: "home", agent: true);
        Vm(cluster, 102, "pve2", "win11", running: false, cores: 4, memory: 8192, diskGiB: 128, tags: "desktop", pool: null, agent: false);
        var k3s = Vm(cluster, 103, "pve2", "k3s-server", running: true, cores: 2, memory: 4096, diskGiB: 40, tags: "k8s;lab", pool: "lab", agent: true);
        k3s.AgentRunning = false;
        Vm(cluster, 104, "pve3", "offsite-backup", running: true, cores: 2, memory: 2048, diskGiB: 500, tags: "backup", pool: null, agent: true);
        Ct(cluster, 200, "pve1", "pihole", running: true, cores: 1, memory: 512, diskGiB: 8, tags: "dns;home", pool: "home");
        Ct(cluster, 201, "pve1", "nginx", running: true, cores: 2, memory: 1024, diskGiB: 8, tags: "web;prod", pool: "prod");
        Ct(cluster, 202, "pve2", "postgres", running: false, cores: 2, memory: 2048, diskGiB: 32, tags: "db;prod", pool: "prod");
        Ct(cluster, 203, "pve2", "gitea", running: true, cores: 1, memory: 1024, diskGiB: 16, tags: "dev;lab", pool: "lab");
        Ct(cluster, 204, "pve3", "jellyfin", running: true, cores: 4, memory: 4096, diskGiB: 32, tags: "media", pool: null);

        var template = Vm(cluster, 9000, "pve1", "debian-12-cloudinit", running: false, cores: 2, memory: 2048, diskGiB: 4, tags: "template", pool: null, agent: true);
        template.Config["template"] = "1";
        template.Config["ide2"] = "local-lvm:vm-9000-cloudinit,media=cdrom";
        template.Config["ciuser"] = "debian";
        template.Config["ipconfig0"] = "ip=dhcp";
        template.Config["serial0"] = "socket";
        template.Config["vga"] = "serial0";
        template.Config["description"] = "Debian 12 generic cloud image with cloud-init; clone it, then set ciuser, sshkeys and ipconfig0.";

        // Home Assistant is looked after by the HA manager: it restarts it if it goes down.

        AddSnapshot(cluster.Guests[100], "before_upgrade", "Before the Docker 27 upgrade", now - TimeSpan.FromDays(6));
        AddSnapshot(cluster.Guests[200], "clean_install", "Fresh Pi-hole", now - TimeSpan.FromDays(30));
        cluster.Volumes.Add(new StorageVolume("pve1", "local", "local:backup/vzdump-qemu-100-" + Stamp(now - TimeSpan.FromDays(1)) + ".vma.zst", "backup", "vma.zst", 9 * GiB, 100, now - TimeSpan.FromDays(1), "docker nightly"));
        cluster.Volumes.Add(new StorageVolume("pve1", "local", "local:backup/vzdump-lxc-200-" + Stamp(now - TimeSpan.FromDays(1)) + ".tar.zst", "backup", "tar.zst", 400 * (1L << 20), 200, now - TimeSpan.FromDays(1), "pihole nightly"));

        // Anchored to midnight UTC, so the seeded task ids are the same in every sandbox started that day
        // (a task id printed by one `--sandbox call` can be looked up by the next).
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        SeedFinishedTask(cluster, "pve1", "qmstart", "100", "root@pam", midnight - TimeSpan.FromHours(5), null);
        SeedFinishedTask(cluster, "pve1", "vzdump", "100", "root@pam", midnight - TimeSpan.FromDays(1), null);
        SeedFinishedTask(cluster, "pve2", "qmstart", "102", "root@pam", midnight - TimeSpan.FromHours(2), "WARNINGS: 1");
        SeedFinishedTask(cluster, "pve2", "vzstart", "202", "root@pam", midnight - TimeSpan.FromHours(1), "startup for container '202' failed");

        var nodes = cluster.Nodes.Where(n => n.Name != cluster.Options.OfflineNode).Select(n => n.Name).ToArray();
        for (var i = 0; i < cluster.Options.ExtraGuests; i++)
        {
            var vmid = 10_000 + i;
            var node = nodes[i % nodes.Length];
            if (i % 3 == 0)
            {
                Ct(cluster, vmid, node, $"ct-{vmid}", running: i % 2 == 0, cores: 1, memory: 512, diskGiB: 4, tags: "bulk", pool: null);
            }
            else
            {
                Vm(cluster, vmid, node, $"vm-{vmid}", running: i % 2 == 0, cores: 1, memory: 1024, diskGiB: 8, tags: "bulk", pool: null, agent: false);
            }
        }

        DiagnosticsSeeder.Seed(cluster);

        if (cluster.Options.OfflineNode is { } offline && cluster.FindNode(offline) is { } offlineNode)
        {
            offlineNode.Online = false;
        }
    }

    private static SandboxGuest Vm(SandboxCluster cluster, int vmid, string node, string name, bool running, int cores, int memory, int diskGiB, string tags, string? pool, bool agent)
    {
        var guest = new SandboxGuest(vmid, GuestType.Qemu, node) { Pool = pool };
        var disk = cluster.AllocateDisk(node, "local-lvm", vmid, diskGiB * GiB);
        guest.Config["name"] = name;
        guest.Config["cores"] = cores.ToString(CultureInfo.InvariantCulture);
        guest.Config["sockets"] = "1";
        guest.Config["memory"] = memory.ToString(CultureInfo.InvariantCulture);
        guest.Config["ostype"] = name == "win11" ? "win11" : "l26";
        guest.InstalledOs = name == "win11" ? "windows" : "linux";
        guest.Config["scsihw"] = "virtio-scsi-single";
        guest.Config["scsi0"] = $"{disk},iothread=1,size={diskGiB}G";
        guest.Config["net0"] = $"virtio={Mac(vmid)},bridge=vmbr0,firewall=1";
        guest.Config["boot"] = "order=scsi0;net0";
        guest.Config["tags"] = tags;
        guest.Config["onboot"] = running ? "1" : "0";
        guest.Config["smbios1"] = $"uuid={new Guid(vmid, 0, 0, new byte[8])}";
        guest.Config["vmgenid"] = new Guid(vmid, 1, 1, new byte[8]).ToString();
        if (agent)
        {
            guest.Config["agent"] = "1";
        }
        SetRunning(cluster, guest, running);
        cluster.Guests[vmid] = guest;
        return guest;
    }

    private static SandboxGuest Ct(SandboxCluster cluster, int vmid, string node, string hostname, bool running, int cores, int memory, int diskGiB, string tags, string? pool)
    {
        var guest = new SandboxGuest(vmid, GuestType.Lxc, node) { Pool = pool };
        var disk = cluster.AllocateDisk(node, "local-lvm", vmid, diskGiB * GiB);
        guest.Config["hostname"] = hostname;
        guest.Config["cores"] = cores.ToString(CultureInfo.InvariantCulture);
        guest.Config["memory"] = memory.ToString(CultureInfo.InvariantCulture);
        guest.Config["swap"] = "512";
        guest.Config["ostype"] = "debian";
        guest.Config["arch"] = "amd64";
        guest.Config["rootfs"] = $"{disk},size={diskGiB}G";
        guest.Config["net0"] = $"name=eth0,bridge=vmbr0,hwaddr={Mac(vmid)},ip=dhcp,type=veth";
        guest.Config["tags"] = tags;
        guest.Config["unprivileged"] = "1";
        guest.Config["features"] = "nesting=1";
        guest.Config["onboot"] = running ? "1" : "0";
        SetRunning(cluster, guest, running);
        cluster.Guests[vmid] = guest;
        return guest;
    }

    private static void SetRunning(SandboxCluster cluster, SandboxGuest guest, bool running)
    {
        guest.Status = running ? "running" : "stopped";
        guest.StartedAt = running ? cluster.Now - TimeSpan.FromHours(3 + (guest.Vmid % 50)) : null;
    }

    private static void AddIso(SandboxCluster cluster, string node, string file, long size) =>
        cluster.Volumes.Add(new StorageVolume(node, "local", $"local:iso/{file}", "iso", "iso", size, null, cluster.Now - TimeSpan.FromDays(60)));

    private static void AddTemplate(SandboxCluster cluster, string node, string file, long size) =>
        cluster.Volumes.Add(new StorageVolume(node, "local", $"local:vztmpl/{file}", "vztmpl", file.EndsWith(".xz", StringComparison.Ordinal) ? "txz" : "tzst", size, null, cluster.Now - TimeSpan.FromDays(60)));

    private static void AddSnapshot(SandboxGuest guest, string name, string description, DateTimeOffset time)
    {
        guest.Snapshots.Add(new GuestSnapshot(name, description, time, guest.CurrentSnapshot, false, new Dictionary<string, string>(guest.Config)));
        guest.CurrentSnapshot = name;
    }

    private static void SeedFinishedTask(SandboxCluster cluster, string node, string type, string id, string user, DateTimeOffset started, string? error)
    {
        var upid = string.Create(CultureInfo.InvariantCulture,
            $"UPID:{node}:{0x1000 + cluster.Tasks.Count:X8}:{(started.ToUnixTimeMilliseconds() / 10) & 0xFFFFFFFF:X8}:{started.ToUnixTimeSeconds():X8}:{type}:{id}:{user}:");
        var task = new SandboxTask(upid, node, type, id, user, started, started + TimeSpan.FromSeconds(4), null)
        {
            Ended = started + TimeSpan.FromSeconds(4),
            ExitStatus = error ?? "OK",
        };
        task.Log.Add($"starting {type} {id}");
        task.Log.Add(error is null || error.StartsWith("WARNINGS", StringComparison.Ordinal) ? "TASK " + (error ?? "OK") : "TASK ERROR: " + error);
        cluster.Tasks.Add(task);
    }

    public static string Mac(int vmid) =>
        string.Create(CultureInfo.InvariantCulture, $"BC:24:11:{(vmid >> 16) & 0xFF:X2}:{(vmid >> 8) & 0xFF:X2}:{vmid & 0xFF:X2}");

    public static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy_MM_dd-HH_mm_ss", CultureInfo.InvariantCulture);
}
