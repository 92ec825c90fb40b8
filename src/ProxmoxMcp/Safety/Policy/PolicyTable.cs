using ProxmoxMcp.Safety.Policy.Requirements;
using ProxmoxMcp.Safety.Policy.Rules;

namespace ProxmoxMcp.Safety.Policy;

/// <summary>
/// The one declaration of what this server may send to Proxmox. Deny by default: a request passes only
/// when it matches an operation below, carries only that operation's parameters, each value passes its
/// rule, and every requirement holds. The tools' option catalogs are views of this table, and this
/// file is part of the registry checksum (tools.lock.json), so widening it fails the build until the
/// lock changes, and a pinned deployment refuses to start.
/// </summary>
public static class PolicyTable
{
    /// <summary>Parameters no operation carries, with the reason the refusal gives.</summary>
    public static readonly IReadOnlyDictionary<string, string> NeverSent = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["delete"] = "it removes settings and can free disks",
        ["force"] = "it turns a change into an overwrite or a removal",
        ["purge"] = "it removes a guest from backup jobs and replication",
        ["destroy-unreferenced-disks"] = "it destroys disks",
        ["archive"] = "it restores a backup over a guest",
        ["restore"] = "it restores a backup over a guest",
        ["skiplock"] = "it overrides a lock another operation holds",
        ["forceStop"] = "it turns a shutdown into a hard stop",
        ["revert"] = "it throws away pending changes",
        ["unique"] = "it belongs to restores",
        ["unused[n]"] = "it refers to a detached disk, which only a human may reattach or free",
        ["hookscript"] = "it runs a script on the node as root at every start and stop",
        ["args"] = "it passes raw arguments to QEMU on the node (host files and devices)",
        ["hostpci[n]"] = "it hands a host PCI device to the guest",
        ["usb[n]"] = "it hands a host USB device to the guest",
        ["dev[n]"] = "it hands a host device node to the container",
        ["parallel[n]"] = "it hands a host parallel port to the guest",
        ["entrypoint"] = "it replaces the container's init with an arbitrary program",
        ["script"] = "it runs a script on the node during the backup",
        ["lock"] = "it sets or clears a lock by hand",
        ["template"] = "it turns a guest into a template, which cannot be undone through the API",
        ["import-from"] = "it copies an existing disk into a new one",
        ["dumpdir"] = "it writes the backup to a host directory",
        ["tmpdir"] = "it writes temporary files to a host directory",
        ["stdout"] = "it streams the backup instead of storing it",
        ["prune-backups"] = "it prunes older backups",
    };

    private static readonly ParameterRule Flag = new BoolRule(true, true);
    private static readonly ParameterRule Vmid = new IntRule(100, 999_999_999);
    private static readonly ParameterRule DnsName = new PatternRule(
        @"^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$", "a DNS name such as web01", "web01", 255);
    private static readonly ParameterRule NodeName = new PatternRule(@"^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$", "a node name", "pve1", 63);
    private static readonly ParameterRule StorageId = new PatternRule(@"^[a-z][a-z0-9_.-]{0,62}[a-z0-9]$", "a storage id such as local-lvm", "local-lvm", 64);
    private static readonly ParameterRule PoolId = new PatternRule(@"^[A-Za-z0-9_-]{1,64}$", "a pool name", "lab", 64);
    private static readonly ParameterRule Description = new TextRule(8192, multiline: true);
    private static readonly ParameterRule Tags = new TagListRule();
    private static readonly ParameterRule Digest = new PatternRule("^[0-9a-f]{40}$", "the 40-hex-digit configuration digest", "0123456789abcdef0123456789abcdef01234567", 40);
    private static readonly ParameterRule Protection = new BoolRule(true, false, "turning protection off lifts a guard a human set against removal");
    private static readonly ParameterRule Startup = new PatternRule(@"^(order=\d{1,4}|up=\d{1,5}|down=\d{1,5})(,(order=\d{1,4}|up=\d{1,5}|down=\d{1,5})){0,2}$", "order=N,up=N,down=N", "order=1");
    private static readonly ParameterRule Ipv4 = new PatternRule(@"^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$", "an IPv4 address", "192.168.1.1", 15);
    private static readonly ParameterRule Ipv4Cidr = new PatternRule(@"^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}/([0-9]|[12][0-9]|3[0-2])$", "an IPv4 address with prefix such as 192.168.1.50/24", "192.168.1.50/24", 18);
    private static readonly ParameterRule Ipv6 = new PatternRule(@"^[0-9a-fA-F:]{2,39}$", "an IPv6 address", "fd00::1", 39);
    private static readonly ParameterRule Ipv6Cidr = new PatternRule(@"^[0-9a-fA-F:]{2,39}/\d{1,3}$", "an IPv6 address with prefix", "fd00::50/64", 43);
    private static readonly ParameterRule Bridge = new PatternRule(@"^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$", "a bridge name such as vmbr0", "vmbr0", 15);
    private static readonly ParameterRule Mac = new PatternRule(@"^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$", "a MAC address", "BC:24:11:00:00:01", 17);
    private static readonly ParameterRule VlanTag = new IntRule(1, 4094);
    private static readonly ParameterRule Trunks = new PatternRule(@"^\d{1,4}(-\d{1,4})?(;\d{1,4}(-\d{1,4})?)*$", "VLAN ids such as 10;20-30", "10");
    private static readonly ParameterRule Rate = new PatternRule(@"^\d{1,5}(\.\d{1,3})?$", "a rate in MB/s", "100");
    private static readonly ParameterRule Nameservers = new PatternRule(@"^[0-9a-fA-F.:]{2,39}([ ,;][0-9a-fA-F.:]{2,39}){0,2}$", "up to three name server addresses", "1.1.1.1");
    private static readonly ParameterRule SearchDomains = new PatternRule(@"^[A-Za-z0-9.-]{1,253}([ ,;][A-Za-z0-9.-]{1,253}){0,5}$", "search domains", "lan");
    private static readonly ParameterRule Memory = new PatternRule(@"^(current=)?[0-9]{2,7}$", "memory in MiB", "2048", 20);
    private static readonly ParameterRule CpuLimit = new PatternRule(@"^\d{1,3}(\.\d{1,2})?$", "a CPU limit such as 1.5 (0 for none)", "0");
    private static readonly ParameterRule Password = new TextRule(256, secret: true);

    private static readonly ParameterRule VmNetwork = new PropertyStringRule(new Dictionary<string, ParameterRule>(StringComparer.Ordinal)
    {
        ["virtio"] = Mac, ["e1000"] = Mac, ["e1000e"] = Mac, ["rtl8139"] = Mac, ["vmxnet3"] = Mac,
        ["bridge"] = Bridge, ["tag"] = VlanTag, ["firewall"] = Flag, ["link_down"] = Flag, ["rate"] = Rate,
        ["mtu"] = new IntRule(1, 65520), ["queues"] = new IntRule(0, 64), ["trunks"] = Trunks, ["macaddr"] = Mac,
    }, "virtio,bridge=vmbr0,firewall=1", bare: ["virtio", "e1000", "e1000e", "rtl8139", "vmxnet3"]);

    private static readonly ParameterRule ContainerNetwork = new PropertyStringRule(new Dictionary<string, ParameterRule>(StringComparer.Ordinal)
    {
        ["name"] = new PatternRule(@"^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$", "an interface name such as eth0", "eth0", 15),
        ["bridge"] = Bridge, ["tag"] = VlanTag, ["firewall"] = Flag, ["link_down"] = Flag, ["rate"] = Rate, ["mtu"] = new IntRule(64, 65535),
        ["hwaddr"] = Mac, ["trunks"] = Trunks, ["type"] = new OneOfRule("veth"),
        ["ip"] = new AnyOfRule(new OneOfRule("dhcp", "manual"), Ipv4Cidr), ["gw"] = Ipv4,
        ["ip6"] = new AnyOfRule(new OneOfRule("dhcp", "auto", "manual"), Ipv6Cidr), ["gw6"] = Ipv6,
    }, "name=eth0,bridge=vmbr0,ip=dhcp");

    private static readonly ParameterRule CloudInitIp = new PropertyStringRule(new Dictionary<string, ParameterRule>(StringComparer.Ordinal)
    {
        ["ip"] = new AnyOfRule(new OneOfRule("dhcp"), Ipv4Cidr), ["gw"] = Ipv4,
        ["ip6"] = new AnyOfRule(new OneOfRule("dhcp", "auto"), Ipv6Cidr), ["gw6"] = Ipv6,
    }, "ip=dhcp");

    /// <summary>Only the harmless container features: never mount (host file systems) or mknod (device nodes).</summary>
    public static readonly ParameterRule ContainerFeaturesRule = new PropertyStringRule(new Dictionary<string, ParameterRule>(StringComparer.Ordinal)
    {
        ["nesting"] = Flag, ["keyctl"] = Flag,
    }, "nesting=1");

    /// <summary>A new cloud-init drive, allocated by Proxmox on a storage.</summary>
    private static readonly ParameterRule CloudInitDrive = new PatternRule(@"^[a-z][a-z0-9_.-]{0,62}[a-z0-9]:cloudinit(,media=cdrom)?$", "a new cloud-init drive STORAGE:cloudinit", "local-lvm:cloudinit", 80);

    private static readonly ParameterRule Agent = new PatternRule(@"^((enabled=)?[01])(,(fstrim_cloned_disks=[01]|type=(virtio|isa)|freeze-fs-on-backup=[01]))*$", "1, 0 or enabled=1[,type=virtio]", "1");

    public static IReadOnlyList<OperationRule> Operations { get; } = Declare();

    /// <summary>The whole table in its stable printed form.</summary>
    public static string Canonical => string.Join("\n", Operations.Select(o => o.Canonical))
        + "\nnever sent: " + string.Join(", ", NeverSent.Keys.Order(StringComparer.Ordinal));

    /// <summary>The operation with this method and exact schema template (the tools' views use it).</summary>
    public static OperationRule Find(string method, string template) =>
        Operations.Single(o => o.Method == method && o.Path.Text == template);

    private static List<OperationRule> Declare()
    {
        var table = new List<OperationRule>();
        OperationRule Read(string template, ReadAudience audience = ReadAudience.Everyone)
        {
            var rule = new OperationRule("GET", template, "read", audience).AnyQuery();
            table.Add(rule);
            return rule;
        }
        OperationRule Write(string method, string template, string purpose)
        {
            var rule = new OperationRule(method, template, purpose, ReadAudience.Everyone);
            table.Add(rule);
            return rule;
        }

        // Reads that need nothing beyond audit privileges: open to every tool and to proxmox_api_get.
        foreach (var template in new[]
        {
            "/version", "/nodes", "/cluster/resources", "/cluster/nextid", "/cluster/tasks", "/cluster/status", "/cluster/log", "/cluster/options",
            "/cluster/ha/status/current", "/cluster/ha/resources", "/cluster/ha/groups", "/cluster/backup", "/cluster/backup-info/not-backed-up",
            "/cluster/replication", "/cluster/firewall/options", "/cluster/firewall/rules", "/cluster/firewall/groups", "/cluster/firewall/ipset",
            "/cluster/firewall/aliases", "/cluster/sdn/zones", "/cluster/sdn/vnets", "/cluster/ceph/status", "/cluster/config/nodes",
            "/pools", "/pools/{poolid}", "/storage", "/access/permissions", "/access/users", "/access/groups", "/access/roles", "/access/acl", "/access/domains",
            "/nodes/{node}/status", "/nodes/{node}/version", "/nodes/{node}/time", "/nodes/{node}/dns", "/nodes/{node}/network", "/nodes/{node}/network/{iface}",
            "/nodes/{node}/services", "/nodes/{node}/services/{service}/state", "/nodes/{node}/rrddata", "/nodes/{node}/netstat", "/nodes/{node}/hosts",
            "/nodes/{node}/disks/list", "/nodes/{node}/disks/smart", "/nodes/{node}/disks/zfs", "/nodes/{node}/disks/lvm", "/nodes/{node}/disks/lvmthin",
            "/nodes/{node}/apt/versions", "/nodes/{node}/apt/repositories", "/nodes/{node}/certificates/info", "/nodes/{node}/replication",
            "/nodes/{node}/firewall/rules", "/nodes/{node}/firewall/options", "/nodes/{node}/aplinfo",
            "/nodes/{node}/tasks", "/nodes/{node}/tasks/{upid}/status", "/nodes/{node}/tasks/{upid}/log",
            "/nodes/{node}/storage", "/nodes/{node}/storage/{storage}/status", "/nodes/{node}/storage/{storage}/content", "/nodes/{node}/storage/{storage}/rrddata",
            // For the diagnostics tools: ZFS pool state, Ceph OSDs and pools, SDN subnets.
            "/nodes/{node}/disks/zfs/{name}", "/nodes/{node}/ceph/osd", "/nodes/{node}/ceph/pool", "/cluster/sdn/vnets/{vnet}/subnets",
        })
        {
            Read(template);
        }
        foreach (var kind in new[] { "qemu", "lxc" })
        {
            Read($"/nodes/{{node}}/{kind}");
            foreach (var part in new[] { "config", "status/current", "pending", "rrddata", "snapshot", "snapshot/{snapname}/config", "firewall/rules", "firewall/options", "firewall/ipset", "firewall/ipset/{name}", "firewall/aliases" })
            {
                Read($"/nodes/{{node}}/{kind}/{{vmid}}/{part}");
            }
        }
        Read("/nodes/{node}/lxc/{vmid}/interfaces");

        // The guest agent's audit reads run inside the guest: the tools use them, proxmox_api_get does not.
        // Never: agent/file-read (any file of the guest), and no other agent command.
        Read("/nodes/{node}/qemu/{vmid}/agent/network-get-interfaces", ReadAudience.Tools);
        Read("/nodes/{node}/qemu/{vmid}/agent/get-osinfo", ReadAudience.Tools);
        Read("/nodes/{node}/qemu/{vmid}/agent/get-fsinfo", ReadAudience.Tools);
        Read("/nodes/{node}/qemu/{vmid}/agent/get-users", ReadAudience.Tools);
        // The node's journal needs Sys.Syslog, a read-only privilege beyond audit: node_diagnostics reads it
        // (bounded by a line count), proxmox_api_get does not.
        Read("/nodes/{node}/journal", ReadAudience.Tools);
        // The subscription answer carries the subscription key: node_diagnostics leaves it out, proxmox_api_get cannot read it.
        Read("/nodes/{node}/subscription", ReadAudience.Tools);
        // Reading an exec status consumes it: the exec tool's own polling only.
        Read("/nodes/{node}/qemu/{vmid}/agent/exec-status", ReadAudience.GuestExec).Requires(new ExecEnabledRequirement()).Requires(new ExecAllowListRequirement());

        // Power state: reversible, no parameters (forceStop, skiplock and the rest are never sent).
        foreach (var kind in new[] { "qemu", "lxc" })
        {
            foreach (var action in new[] { "start", "stop", "shutdown", "reboot", "suspend", "resume" })
            {
                Write("POST", $"/nodes/{{node}}/{kind}/{{vmid}}/status/{action}", $"{action} a guest").Requires(new WriteScopeRequirement(GuestIdSource.Path));
            }
        }

        var createVm = Write("POST", "/nodes/{node}/qemu", "create a VM")
            .Param("vmid", Vmid, required: true).Param("start", Flag).Param("pool", PoolId)
            .Requires(new NewGuestIdRequirement("vmid")).Requires(new ProtectedTagsRequirement()).Requires(new NewVolumesFitRequirement()).CreatesGuest("vmid");
        VmOptions(createVm);

        Write("PUT", "/nodes/{node}/qemu/{vmid}/config", "change VM options").Param("digest", Digest).Apply(VmOptions)
            .Requires(new WriteScopeRequirement(GuestIdSource.Path)).Requires(new ProtectedTagsRequirement()).Requires(new VolumeKeysFreeRequirement()).Requires(new NewVolumesFitRequirement());

        var createContainer = Write("POST", "/nodes/{node}/lxc", "create a container")
            .Param("vmid", Vmid, required: true)
            .Param("ostemplate", new PatternRule(@"^[a-z][a-z0-9_.-]{0,62}[a-z0-9]:vztmpl/[A-Za-z0-9][A-Za-z0-9_.+-]{0,200}$", "a template volume STORAGE:vztmpl/FILE", "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst", 255), required: true)
            .Param("rootfs", new NewVolumeRule(VolumeKind.ContainerRoot), required: true)
            .Param("unprivileged", new BoolRule(true, false, "a privileged container is root on the node"), required: true)
            .Param("password", Password).Param("ssh-public-keys", new SshKeysRule(urlEncoded: false)).Param("start", Flag).Param("pool", PoolId)
            .Param("storage", StorageId).Param("arch", new OneOfRule("amd64", "i386", "arm64", "armhf", "riscv32", "riscv64"))
            .Param("ostype", new OneOfRule("debian", "devuan", "ubuntu", "centos", "fedora", "opensuse", "archlinux", "alpine", "gentoo", "nixos", "unmanaged"))
            .Requires(new NewGuestIdRequirement("vmid")).Requires(new ProtectedTagsRequirement()).Requires(new NewVolumesFitRequirement()).CreatesGuest("vmid");
        ContainerOptions(createContainer);

        Write("PUT", "/nodes/{node}/lxc/{vmid}/config", "change container options").Param("digest", Digest).Apply(ContainerOptions)
            .Requires(new WriteScopeRequirement(GuestIdSource.Path)).Requires(new ProtectedTagsRequirement()).Requires(new VolumeKeysFreeRequirement()).Requires(new NewVolumesFitRequirement());

        foreach (var (kind, nameKey) in new[] { ("qemu", "name"), ("lxc", "hostname") })
        {
            Write("POST", $"/nodes/{{node}}/{kind}/{{vmid}}/clone", "clone a guest")
                .Param("newid", Vmid, required: true).Param(nameKey, DnsName).Param("target", NodeName).Param("full", Flag)
                .Param("storage", StorageId).Param("pool", PoolId).Param("description", Description)
                .Requires(new NewGuestIdRequirement("newid")).Requires(new CloneSourceRequirement()).Requires(new CloneFitsRequirement()).CreatesGuest("newid");

            var snapshot = Write("POST", $"/nodes/{{node}}/{kind}/{{vmid}}/snapshot", "take a snapshot")
                .Param("snapname", new PatternRule(@"^(?!current$)[a-zA-Z][a-zA-Z0-9_]{1,39}$", "a snapshot name other than 'current' (which Proxmox reserves for the present state)", "before_upgrade", 40), required: true)
                .Param("description", Description)
                .Requires(new WriteScopeRequirement(GuestIdSource.Path)).Requires(new SafetySnapshotNameRequirement());
            if (kind == "qemu")
            {
                snapshot.Param("vmstate", Flag);
            }

            Write("PUT", $"/nodes/{{node}}/{kind}/{{vmid}}/resize", "grow a disk")
                .Param("disk", new PatternRule(@"^((scsi|virtio|sata|ide|mp)[0-9]{1,3}|rootfs|efidisk0|tpmstate0)$", "a disk key such as scsi0 or rootfs", "scsi0", 10), required: true)
                .Param("size", new PatternRule(@"^\+[0-9]{1,9}(\.[0-9]{1,3})?[KMGT]?$", "a relative growth such as +8G (an absolute size could shrink the disk)", "+1G", 16), required: true)
                .Param("digest", Digest)
                .Requires(new WriteScopeRequirement(GuestIdSource.Path)).Requires(new GrowthFitsRequirement());
        }

        Write("POST", "/nodes/{node}/vzdump", "back up a guest without pruning")
            .Param("vmid", Vmid, required: true).Param("storage", StorageId, required: true)
            .Param("remove", new BoolRule(false, true, "without remove=0, vzdump prunes older backups"), required: true)
            .Param("mode", new OneOfRule("snapshot", "suspend", "stop")).Param("compress", new OneOfRule("0", "gzip", "lzo", "zstd"))
            .Param("notes-template", new TextRule(1024)).Param("protected", Flag)
            .Requires(new WriteScopeRequirement(GuestIdSource.VmidParameter)).Requires(new BackupFitsRequirement());

        Write("POST", "/nodes/{node}/qemu/{vmid}/agent/exec", "run a command in a VM (PROXMOX_ENABLE_EXEC)")
            .Param("command", new TextRule(8192), required: true, repeatable: true)
            .Requires(new ExecEnabledRequirement()).Requires(new ExecAllowListRequirement()).Requires(new WriteScopeRequirement(GuestIdSource.Path));

        return table;
    }

    private static OperationRule Apply(this OperationRule rule, Action<OperationRule> options)
    {
        options(rule);
        return rule;
    }

    /// <summary>The VM options create_vm and set_vm_config may set; volumes only as new allocations.</summary>
    private static void VmOptions(OperationRule rule)
    {
        var disk = new NewVolumeRule(VolumeKind.VmDisk);
        rule.Param("name", DnsName).Param("description", Description).Param("tags", Tags).Param("onboot", Flag).Param("startup", Startup)
            .Param("cores", new IntRule(1, 1024)).Param("sockets", new IntRule(1, 16)).Param("vcpus", new IntRule(1, 16384)).Param("numa", Flag)
            .Param("cpu", new PatternRule(@"^(cputype=)?[A-Za-z0-9_.+-]{1,64}(,(flags=[+\-A-Za-z0-9_.;]{1,256}|hidden=[01]|phys-bits=(host|\d{2})|hv-vendor-id=[A-Za-z0-9]{1,12}))*$", "a CPU type such as host or x86-64-v2-AES", "host"))
            .Param("cpulimit", CpuLimit).Param("cpuunits", new IntRule(1, 262_144)).Param("memory", Memory).Param("balloon", new IntRule(0, 4_194_304))
            .Param("shares", new IntRule(0, 50_000)).Param("agent", Agent)
            .Param("boot", new PatternRule(@"^(order=[a-z]{2,7}[0-9]{0,3}(;[a-z]{2,7}[0-9]{0,3}){0,31}|[acdn]{1,4})$", "a boot order such as order=scsi0;net0", "order=scsi0"))
            .Param("ostype", new OneOfRule("l26", "l24", "win11", "win10", "win8", "win7", "wvista", "w2k8", "w2k3", "w2k", "wxp", "solaris", "other"))
            .Param("scsihw", new OneOfRule("virtio-scsi-single", "virtio-scsi-pci", "lsi", "lsi53c810", "megasas", "pvscsi"))
            .Param("vga", new PatternRule(@"^(std|cirrus|vmware|qxl|qxl2|qxl3|qxl4|virtio|virtio-gl|none|serial[0-3])(,(memory=\d{1,4}|clipboard=vnc))*$", "a display type such as std or virtio", "std"))
            .Param("machine", new PatternRule(@"^(pc|q35|pc-(i440fx|q35)-[0-9]{1,2}\.[0-9]{1,2})(\+pve[0-9]{1,2})?(,viommu=(intel|virtio))?$", "a machine type such as q35", "q35"))
            .Param("bios", new OneOfRule("seabios", "ovmf")).Param("tablet", Flag).Param("localtime", Flag)
            .Param("keyboard", new OneOfRule("de", "de-ch", "da", "en-gb", "en-us", "es", "fi", "fr", "fr-be", "fr-ca", "fr-ch", "hu", "is", "it", "ja", "lt", "mk", "nl", "no", "pl", "pt", "pt-br", "sv", "sl", "tr"))
            .Param("protection", Protection)
            .Param("ciuser", new PatternRule(@"^[a-z_][a-z0-9_-]{0,31}$", "a user name", "admin", 32)).Param("cipassword", Password)
            .Param("citype", new OneOfRule("nocloud", "configdrive2", "opennebula")).Param("ciupgrade", Flag)
            .Param("sshkeys", new SshKeysRule(urlEncoded: true)).Param("nameserver", Nameservers).Param("searchdomain", SearchDomains)
            .Param("efidisk0", new NewVolumeRule(VolumeKind.EfiDisk)).Param("tpmstate0", new NewVolumeRule(VolumeKind.TpmState))
            .Indexed("net[n]", 31, VmNetwork).Indexed("ipconfig[n]", 31, CloudInitIp)
            .Indexed("serial[n]", 3, new OneOfRule("socket"))
            .Indexed("scsi[n]", 30, disk).Indexed("virtio[n]", 15, disk).Indexed("sata[n]", 5, disk)
            .Indexed("ide[n]", 3, new AnyOfRule(new CdromRule(), CloudInitDrive, disk));
    }

    /// <summary>The container options create_container and set_container_config may set; mount points only as new volumes.</summary>
    private static void ContainerOptions(OperationRule rule)
    {
        rule.Param("hostname", DnsName).Param("description", Description).Param("tags", Tags).Param("onboot", Flag).Param("startup", Startup)
            .Param("cores", new IntRule(1, 8192)).Param("cpulimit", CpuLimit).Param("cpuunits", new IntRule(0, 500_000))
            .Param("memory", new IntRule(16, 4_194_304)).Param("swap", new IntRule(0, 4_194_304))
            .Param("nameserver", Nameservers).Param("searchdomain", SearchDomains).Param("features", ContainerFeaturesRule)
            .Param("timezone", new PatternRule(@"^(host|[A-Za-z][A-Za-z0-9_+-]{0,30}(/[A-Za-z0-9_+-]{1,30}){0,2})$", "a time zone such as Europe/Berlin", "UTC", 64))
            .Param("console", Flag).Param("tty", new IntRule(0, 6)).Param("cmode", new OneOfRule("tty", "console", "shell")).Param("protection", Protection)
            .Indexed("net[n]", 31, ContainerNetwork).Indexed("mp[n]", 255, new NewVolumeRule(VolumeKind.MountPoint));
    }
}
