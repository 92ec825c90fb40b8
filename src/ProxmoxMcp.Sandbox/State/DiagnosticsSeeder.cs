using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProxmoxMcp.Sandbox.State;

/// <summary>
/// What an administrator checks, seeded beside the guests: certificates, packages, disks, a ZFS pool,
/// services and a journal per node; HA, replication, backup jobs, SDN, users and tokens, ACLs and the
/// firewall for the cluster. Healthy except where a homelab usually is not: pve1 has two Proxmox updates
/// waiting, most guests are in no backup job, and there is no subscription. Ceph is not installed.
/// </summary>
public static class DiagnosticsSeeder
{
    private const long GiB = 1L << 30;

    public static void Seed(SandboxCluster cluster)
    {
        var now = cluster.Now;
        foreach (var node in cluster.Nodes)
        {
            SeedNode(node, now);
        }
        cluster.Nodes[0].Packages[1] = cluster.Nodes[0].Packages[1] with { Candidate = "9.1.4" };
        cluster.Nodes[0].Packages[3] = cluster.Nodes[0].Packages[3] with { Candidate = "9.0.24" };
        cluster.Nodes[0].Disks.Add(new NodeDisk("/dev/sda", "WDC WD40EFRX-68N32N0", "WD-WCC7K4XXXXXX", 4000 * 1_000_000_000L, "hdd", "PASSED", null, "ZFS"));
        cluster.Nodes[0].ZfsPools.Add(new ZfsPool("tank", 3_990 * GiB, 1_204 * GiB, "ONLINE",
            "scrub repaired 0B in 02:11:04 with 0 errors on " + now.AddDays(-3).ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture),
            "No known data errors", [new ZfsVdev("sda", "ONLINE", 0, 0, 0)]));

        cluster.HaResources.Add(new HaResource("vm:100") { Comment = "docker host" });
        cluster.HaResources.Add(new HaResource("ct:201"));

        cluster.ReplicationJobs.Add(new ReplicationJob(100, 0, "pve2", "*/15") { LastSync = now.AddMinutes(-7), Duration = 3.2 });

        cluster.BackupJobs.Add(new BackupJob("backup-nightly", "02:00", "local", "snapshot", Enabled: true) { Vmids = "100,200", Comment = "docker and pihole" });
        cluster.BackupJobs.Add(new BackupJob("backup-lab-weekly", "sun 03:00", "local", "snapshot", Enabled: false) { Pool = "lab", DailyAtMinutes = 180 });

        cluster.SdnZones.Add(new SdnZone("lab", "vlan", "vmbr1"));
        cluster.SdnVnets.Add(new SdnVnet("labnet", "lab", 20, "Lab VLAN"));
        cluster.SdnSubnets.Add(new SdnSubnet("labnet", "10.20.0.0/24", "10.20.0.1", Snat: true));

        cluster.Users.Add(new AccessUser("root@pam", true, [new ApiTokenEntry("mcp", false, Comment: "sandbox")]));
        cluster.Users.Add(new AccessUser("mcp@pve", true, [new ApiTokenEntry("agent", true, Comment: "MCP agent")], Comment: "MCP agent"));
        cluster.Users.Add(new AccessUser("audit@pve", true, [new ApiTokenEntry("read", true, now.AddDays(200))], Groups: "auditors"));
        cluster.Acls.Add(new AclEntry("/", "token", "mcp@pve!agent", "MCPAgent"));
        cluster.Acls.Add(new AclEntry("/", "token", "audit@pve!read", "PVEAuditor"));
        cluster.Acls.Add(new AclEntry("/pool/lab", "group", "lab-admins", "PVEVMAdmin"));

        cluster.Firewall.Options["enable"] = "1";
        cluster.Firewall.Options["policy_in"] = "DROP";
        cluster.Firewall.Options["policy_out"] = "ACCEPT";
        cluster.Firewall.Rules.Add(new FirewallRule("in", "ACCEPT") { Macro = "SSH", Source = "192.168.1.0/24", Comment = "admin LAN" });
        cluster.Firewall.Rules.Add(new FirewallRule("in", "ACCEPT") { Proto = "tcp", Dport = "8006", Source = "192.168.1.0/24", Comment = "web UI" });
        cluster.Firewall.Rules.Add(new FirewallRule("in", "ACCEPT") { Macro = "Ping" });

        if (cluster.Guests.TryGetValue(100, out var docker))
        {
            docker.Firewall.Options["enable"] = "1";
            docker.Firewall.Options["policy_in"] = "DROP";
            docker.Firewall.Rules.Add(new FirewallRule("in", "ACCEPT") { Macro = "HTTPS" });
            docker.Firewall.Rules.Add(new FirewallRule("in", "ACCEPT") { Macro = "HTTP" });
            docker.Firewall.Rules.Add(new FirewallRule("in", "ACCEPT") { Macro = "SSH", Source = "+trusted" });
            docker.Firewall.IpSets.Add(new IpSet("trusted", "admin machines", [("192.168.1.10", "laptop", false), ("192.168.1.0/28", null, false)]));
            docker.Pending["memory"] = "12288";
        }

        cluster.Log.Add(new ClusterLogEntry(now.AddHours(-6), "pve1", "root@pam", "pvedaemon", 6, "successful auth for user 'root@pam'"));
        cluster.Log.Add(new ClusterLogEntry(now.AddHours(-30), "pve3", "root@pam", "corosync", 4, "link: host: 3 link: 0 is down"));
    }

    private static void SeedNode(SandboxNode node, DateTimeOffset now)
    {
        node.Certificates.Add(new NodeCertificate("pve-root-ca.pem", "/CN=Proxmox Virtual Environment/OU=" + Hex(node.Name + "ca", 16) + "/O=PVE Cluster Manager CA",
            "/CN=Proxmox Virtual Environment/OU=" + Hex(node.Name + "ca", 16) + "/O=PVE Cluster Manager CA", now.AddDays(-400), now.AddDays(3250), Fingerprint(node.Name + "ca"), []));
        node.Certificates.Add(new NodeCertificate("pve-ssl.pem", $"/OU=PVE Cluster Node/O=Proxmox Virtual Environment/CN={node.Name}.lan",
            "/CN=Proxmox Virtual Environment/OU=" + Hex(node.Name + "ca", 16) + "/O=PVE Cluster Manager CA", now.AddDays(-400), now.AddDays(330), Fingerprint(node.Name),
            [$"{node.Name}.lan", node.Name, "127.0.0.1", "0:0:0:0:0:0:0:1", "localhost"]));

        node.Packages.Add(new PackageVersion("proxmox-ve", "Proxmox Virtual Environment", "9.1.0", "9.1.0"));
        node.Packages.Add(new PackageVersion("pve-manager", "Proxmox Virtual Environment management tools", "9.1.3", "9.1.3"));
        node.Packages.Add(new PackageVersion("proxmox-kernel-6.14", "Latest Proxmox Kernel Image", "6.14.11-4", "6.14.11-4"));
        node.Packages.Add(new PackageVersion("qemu-server", "Qemu Server Tools", "9.0.23", "9.0.23"));
        node.Packages.Add(new PackageVersion("pve-container", "Proxmox VE Container management tool", "6.0.13", "6.0.13"));
        node.Packages.Add(new PackageVersion("zfsutils-linux", "command-line tools to manage OpenZFS filesystems", "2.3.4-pve1", "2.3.4-pve1"));

        node.Disks.Add(new NodeDisk("/dev/nvme0n1", "Samsung SSD 980 PRO 1TB", "S5GXNF0R" + Hex(node.Name, 6).ToUpperInvariant(), 1_000_204_886_016, "nvme", "PASSED",
            node.Name == "pve2" ? 88 : 96, "LVM"));

        foreach (var (name, description) in new[]
        {
            ("corosync", "Corosync Cluster Engine"), ("pve-cluster", "The Proxmox VE cluster filesystem"), ("pvedaemon", "PVE API Daemon"),
            ("pveproxy", "PVE API Proxy Server"), ("pvestatd", "PVE Status Daemon"), ("pvescheduler", "Proxmox VE scheduler"),
            ("pve-firewall", "Proxmox VE firewall"), ("pve-ha-crm", "PVE Cluster HA Resource Manager Daemon"), ("pve-ha-lrm", "PVE Local HA Resource Manager Daemon"),
            ("spiceproxy", "PVE SPICE Proxy Server"), ("chrony", "chrony, an NTP client/server"), ("sshd", "OpenBSD Secure Shell server"),
            ("postfix", "Postfix Mail Transport Agent"), ("cron", "Regular background program processing daemon"),
        })
        {
            node.Services.Add(new NodeService(name, description, "active", "running", "enabled"));
        }

        // A day of journal, one line every ten minutes, oldest first.
        var start = now.AddDays(-1);
        var messages = new[]
        {
            ("pvedaemon", 1402, "<root@pam> successful auth for user 'root@pam'"),
            ("pveproxy", 1511, "worker 28817 finished"),
            ("pvestatd", 1377, "status update time (0.912 seconds)"),
            ("systemd", 1, "Started session-218.scope - Session 218 of User root."),
            ("pvescheduler", 1620, "starting task UPID:" + node.Name + ":00002A10:0001F2C3:00000000:vzdump::root@pam:"),
            ("chronyd", 812, "Selected source 192.168.1.1"),
            ("kernel", 0, "vmbr0: port 2(tap100i0) entered forwarding state"),
            ("smartd", 790, "Device: /dev/nvme0n1, SMART Health Status: OK"),
        };
        for (var i = 0; i < 144; i++)
        {
            var (identifier, pid, message) = messages[i % messages.Length];
            node.Journal.Add(new JournalEntry(start.AddMinutes(10 * i), identifier, pid, message));
        }
    }

    /// <summary>A SHA-256 fingerprint in the colon form certificates/info uses, stable per seed text.</summary>
    public static string Fingerprint(string seed) =>
        string.Join(':', SHA256.HashData(Encoding.UTF8.GetBytes(seed)).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));

    private static string Hex(string seed, int length) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..length];
}
