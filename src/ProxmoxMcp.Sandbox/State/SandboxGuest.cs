using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProxmoxMcp.Sandbox.State;

/// <summary>A VM or container: its configuration (as the real config file holds it), power state, lock and snapshots.</summary>
public sealed class SandboxGuest(int vmid, GuestType type, string node)
{
    public int Vmid { get; } = vmid;

    public GuestType Type { get; } = type;

    public string Node { get; set; } = node;

    /// <summary>running or stopped. A suspended VM is "running" with <see cref="Paused"/> set, as in the real API.</summary>
    public string Status { get; set; } = "stopped";

    public bool Paused { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>A lock such as create, clone, backup, snapshot; operations fail while it is held.</summary>
    public string? Lock { get; set; }

    /// <summary>Whether the guest agent inside the VM answers (it needs <c>agent: 1</c> in the config and a running VM as well).</summary>
    public bool AgentRunning { get; set; } = true;

    public string? Pool { get; set; }

    /// <summary>
    /// The OS actually installed, as the guest agent reports it (get-osinfo): fixed when the guest is made,
    /// unlike the ostype option, which anyone allowed to edit the VM can set to anything.
    /// </summary>
    public string InstalledOs { get; set; } = "linux";

    public SortedDictionary<string, string> Config { get; } = new(StringComparer.Ordinal);

    /// <summary>Configuration changes that wait for the next restart: key and new value (null: the key is to be removed).</summary>
    public SortedDictionary<string, string?> Pending { get; } = new(StringComparer.Ordinal);

    public FirewallConfig Firewall { get; } = new();

    public List<GuestSnapshot> Snapshots { get; } = [];

    public string? CurrentSnapshot { get; set; }

    public string Kind => Type == GuestType.Qemu ? "qemu" : "lxc";

    /// <summary>"VM" or "CT", as the real error messages name guests.</summary>
    public string Noun => Type == GuestType.Qemu ? "VM" : "CT";

    public string Name => Config.TryGetValue(Type == GuestType.Qemu ? "name" : "hostname", out var name) ? name : $"{Noun}{Vmid}";

    public bool IsTemplate => Config.TryGetValue("template", out var value) && value == "1";

    public bool IsRunning => Status == "running";

    public string Tags => Config.TryGetValue("tags", out var tags) ? tags : string.Empty;

    public IEnumerable<string> TagList => Tags.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries);

    public long MemoryMiB => Config.TryGetValue("memory", out var memory) && long.TryParse(memory, CultureInfo.InvariantCulture, out var m) ? m : 512;

    public int Cores => Config.TryGetValue("cores", out var cores) && int.TryParse(cores, CultureInfo.InvariantCulture, out var c) ? c : 1;

    public bool AgentConfigured =>
        Config.TryGetValue("agent", out var agent) && (agent == "1" || agent.StartsWith("1,", StringComparison.Ordinal) || agent.Contains("enabled=1", StringComparison.Ordinal));

    /// <summary>The SHA-1 of the configuration, as the real server computes it over the config file.</summary>
    public string Digest
    {
        get
        {
            var text = new StringBuilder();
            foreach (var (key, value) in Config)
            {
                text.Append(key).Append(": ").Append(value).Append('\n');
            }
            foreach (var snapshot in Snapshots)
            {
                // The real file holds each snapshot as a section, so taking one changes the digest.
                text.Append('[').Append(snapshot.Name).Append("]\nsnaptime: ").Append(snapshot.Time.ToUnixTimeSeconds()).Append('\n');
            }
            if (Pending.Count > 0)
            {
                text.Append("[PENDING]\n");
                foreach (var (key, value) in Pending)
                {
                    text.Append(key).Append(": ").Append(value).Append('\n');
                }
            }
            return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }

    /// <summary>Disk keys and their sizes in bytes (from the "size=" of each volume).</summary>
    public IEnumerable<(string Key, string Volume, long Bytes)> Disks()
    {
        foreach (var (key, value) in Config)
        {
            if (!IsDiskKey(key) || value.Contains("media=cdrom", StringComparison.Ordinal) || value.Contains("cloudinit", StringComparison.Ordinal))
            {
                continue;
            }
            var parts = value.Split(',');
            var size = parts.Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == "size").Select(p => ParseSize(p[1])).FirstOrDefault();
            yield return (key, parts[0], size);
        }
    }

    public long DiskBytes => Disks().Sum(d => d.Bytes);

    public static bool IsDiskKey(string key) =>
        key == "rootfs" || System.Text.RegularExpressions.Regex.IsMatch(key, @"^(scsi|virtio|sata|ide|efidisk|tpmstate|mp)\d+$");

    /// <summary>"32G", "512M", "1T", bare bytes.</summary>
    public static long ParseSize(string text)
    {
        text = text.Trim();
        var unit = char.ToUpperInvariant(text.Length > 0 ? text[^1] : 'B');
        var multiplier = unit switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1L };
        var number = char.IsDigit(unit) ? text : text[..^1];
        return (long)(double.Parse(number, CultureInfo.InvariantCulture) * multiplier);
    }

    public static string FormatSize(long bytes) =>
        bytes % (1L << 30) == 0 ? $"{bytes >> 30}G" : bytes % (1L << 20) == 0 ? $"{bytes >> 20}M" : bytes.ToString(CultureInfo.InvariantCulture);
}
