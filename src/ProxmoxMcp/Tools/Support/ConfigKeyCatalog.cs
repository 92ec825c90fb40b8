using System.Text.RegularExpressions;

namespace ProxmoxMcp.Tools.Support;

/// <summary>
/// The configuration keys the provisioning tools may set, reviewed one by one: each is declared by
/// the official schema for the call it is sent with (a test checks this against pve-apidoc-9.1.3),
/// and none can destroy data or reach outside the guest. Left out on purpose: delete, revert, force,
/// skiplock, unusedN, template, lock, hookscript, args, hostpci/usb/dev passthrough, rootfs and
/// unprivileged changes, and every other key the schema has that is not listed here.
/// </summary>
public static class ConfigKeyCatalog
{
    /// <summary>VM options set_vm_config and create_vm's extra options accept (indexed keys as name[n]).</summary>
    public static readonly IReadOnlySet<string> Vm = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "description", "tags", "onboot", "startup", "cores", "sockets", "cpu", "cpulimit", "cpuunits", "vcpus", "numa",
        "memory", "balloon", "shares", "agent", "boot", "ostype", "scsihw", "vga", "serial[n]", "net[n]", "ciuser", "cipassword",
        "citype", "ciupgrade", "sshkeys", "ipconfig[n]", "nameserver", "searchdomain", "scsi[n]", "virtio[n]", "sata[n]", "ide[n]",
        "tablet", "localtime", "keyboard", "protection", "machine", "bios",
    };

    /// <summary>Container options set_container_config and create_container's extra options accept.</summary>
    public static readonly IReadOnlySet<string> Container = new HashSet<string>(StringComparer.Ordinal)
    {
        "hostname", "description", "tags", "onboot", "startup", "cores", "cpulimit", "cpuunits", "memory", "swap", "nameserver",
        "searchdomain", "net[n]", "mp[n]", "features", "timezone", "console", "tty", "cmode", "protection",
    };

    /// <summary>Keys that attach storage: allowed only where no volume is attached yet, so nothing is ever detached or replaced.</summary>
    public static bool IsVolumeKey(string key) => Regex.IsMatch(key, @"^(scsi|virtio|sata|ide|mp)\d+$", RegexOptions.CultureInvariant);

    /// <summary>Keys whose values are secrets: never echoed back.</summary>
    public static bool IsSecret(string key) => key is "cipassword" or "password";

    /// <summary>The catalog name of a key: "net0" -> "net[n]".</summary>
    public static string Collapse(string key)
    {
        var match = Regex.Match(key, @"^([a-z]+)(\d+)$", RegexOptions.CultureInvariant);
        return match.Success && !key.StartsWith("efidisk", StringComparison.Ordinal) ? match.Groups[1].Value + "[n]" : key;
    }

    public static bool Allows(IReadOnlySet<string> catalog, string key) => catalog.Contains(key) || catalog.Contains(Collapse(key));
}
