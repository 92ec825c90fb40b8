using ProxmoxMcp.Sandbox.Http;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>
/// The configuration options the sandbox understands for VMs and containers, declared with the
/// official schema's names, types and ranges (a subset: what people set and what tests exercise).
/// </summary>
internal static class GuestParams
{
    public static readonly string[] OsTypesQemu = ["other", "wxp", "w2k", "w2k3", "w2k8", "wvista", "win7", "win8", "win10", "win11", "l24", "l26", "solaris"];
    public static readonly string[] OsTypesLxc = ["debian", "devuan", "ubuntu", "centos", "fedora", "opensuse", "archlinux", "alpine", "gentoo", "nixos", "unmanaged"];
    public static readonly string[] ScsiHardware = ["lsi", "lsi53c810", "virtio-scsi-pci", "virtio-scsi-single", "megasas", "pvscsi"];

    /// <summary>Options a VM's config holds, as POST /nodes/{node}/qemu and the config calls accept them.</summary>
    public static readonly Param[] QemuOptions =
    [
        P.Formatted("name", "dns-name").Opt(),
        P.Str("memory").Opt(),
        P.Int("balloon", 0).Opt(),
        P.Int("cores", 1).Opt(),
        P.Int("sockets", 1).Opt(),
        P.Str("cpu").Opt(),
        P.Bool("numa").Opt(),
        P.Str("description", 8192).Opt(),
        P.Formatted("tags", "pve-tag-list").Opt(),
        P.Bool("onboot").Opt(),
        P.Str("agent").Opt(),
        P.Str("boot").Opt(),
        P.OneOf("ostype", OsTypesQemu).Opt(),
        P.OneOf("scsihw", ScsiHardware).Opt(),
        P.Str("ciuser").Opt(),
        P.Str("cipassword").Opt(),
        P.OneOf("citype", "configdrive2", "nocloud", "opennebula").Opt(),
        P.Formatted("sshkeys", "urlencoded").Opt(),
        P.Str("nameserver").Opt(),
        P.Str("searchdomain").Opt(),
        P.Indexed("ipconfig", 31),
        P.Indexed("net", 31),
        P.Indexed("scsi", 30),
        P.Indexed("virtio", 15),
        P.Indexed("sata", 5),
        P.Indexed("ide", 3),
        P.Indexed("serial", 3),
        P.Indexed("unused", 255),
        P.Str("vga").Opt(),
        P.Str("smbios1", 512).Opt(),
        P.Str("vmgenid").Opt(),
        P.Bool("protection").Opt(),
        P.Bool("template").Opt(),
        P.Str("startup").Opt(),
        P.Int("vcpus", 1).Opt(),
        P.Num("cpulimit", 0, 128).Opt(),
        P.Int("cpuunits", 1, 262144).Opt(),
        P.Int("shares", 0, 50000).Opt(),
        P.Bool("tablet").Opt(),
        P.Bool("localtime").Opt(),
        P.Str("keyboard").Opt(),
        P.Str("machine").Opt(),
        P.OneOf("bios", "seabios", "ovmf").Opt(),
        P.Bool("ciupgrade").Opt(),
        P.Str("efidisk0").Opt(),
        P.Str("tpmstate0").Opt(),
    ];

    public static readonly Param[] LxcOptions =
    [
        P.Formatted("hostname", "dns-name", 255).Opt(),
        P.Int("memory", 16).Opt(),
        P.Int("swap", 0).Opt(),
        P.Int("cores", 1, 8192).Opt(),
        P.Str("description", 8192).Opt(),
        P.Formatted("tags", "pve-tag-list").Opt(),
        P.Bool("onboot").Opt(),
        P.OneOf("ostype", OsTypesLxc).Opt(),
        P.OneOf("arch", "amd64", "i386", "arm64", "armhf", "riscv32", "riscv64").Opt(),
        P.Str("features").Opt(),
        P.Str("nameserver").Opt(),
        P.Str("searchdomain").Opt(),
        P.Str("rootfs").Opt(),
        P.Indexed("net", 31),
        P.Indexed("mp", 255),
        P.Indexed("unused", 255),
        P.Bool("unprivileged").Opt(),
        P.Bool("protection").Opt(),
        P.Bool("template").Opt(),
        P.Str("startup").Opt(),
        P.Num("cpulimit", 0, 8192).Opt(),
        P.Int("cpuunits", 0, 500000).Opt(),
        P.Str("timezone").Opt(),
        P.Bool("console").Opt(),
        P.Int("tty", 0, 6).Opt(),
        P.OneOf("cmode", "shell", "console", "tty").Opt(),
    ];

    /// <summary>Keys a config update reads beyond the options themselves.</summary>
    public static readonly Param[] UpdateControls =
    [
        P.Formatted("delete", "pve-configid-list").Opt(),
        P.Formatted("revert", "pve-configid-list").Opt(),
        P.Str("digest", 40).Opt(),
    ];

    public static Param[] QemuCreate =>
    [
        P.Node, P.Vmid, .. QemuOptions,
        P.Bool("start").Opt(),
        P.Formatted("pool", "pve-poolid").Opt(),
        P.Formatted("storage", "pve-storage-id").Opt(),
        P.Str("archive", 255).Opt(),
        P.Bool("force").Opt(),
        P.Bool("unique").Opt(),
    ];

    public static Param[] LxcCreate =>
    [
        P.Node, P.Vmid, .. LxcOptions,
        P.Str("ostemplate", 255),
        P.Str("password").Opt(),
        P.Str("ssh-public-keys").Opt(),
        P.Bool("start").Opt(),
        P.Formatted("pool", "pve-poolid").Opt(),
        P.Formatted("storage", "pve-storage-id").Opt(),
        P.Bool("restore").Opt(),
        P.Bool("force").Opt(),
        P.Bool("unique").Opt(),
    ];

    public static Param[] QemuUpdate(bool async) =>
    [
        P.Node, P.Vmid, .. QemuOptions, .. UpdateControls,
        P.Bool("skiplock").Opt(),
        P.Bool("force").Opt(),
        .. async ? new[] { P.Int("background_delay", 1, 30).Opt() } : [],
    ];

    public static Param[] LxcUpdate => [P.Node, P.Vmid, .. LxcOptions, .. UpdateControls];

    /// <summary>The privilege a config key needs, as the real permission check maps keys to privileges.</summary>
    public static string PrivilegeFor(string key)
    {
        var bare = key.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        return bare switch
        {
            "cores" or "sockets" or "cpu" or "numa" or "vcpus" or "cpulimit" or "cpuunits" => Privileges.VmConfigCpu,
            "memory" or "balloon" or "swap" => Privileges.VmConfigMemory,
            "net" => Privileges.VmConfigNetwork,
            "scsi" or "virtio" or "sata" or "ide" or "rootfs" or "mp" or "unused" or "efidisk" or "tpmstate" => Privileges.VmConfigDisk,
            "ciuser" or "cipassword" or "citype" or "sshkeys" or "ipconfig" or "nameserver" or "searchdomain" => Privileges.VmConfigCloudinit,
            "scsihw" or "vga" or "serial" or "machine" or "bios" => Privileges.VmConfigHwType,
            _ => Privileges.VmConfigOptions,
        };
    }
}
