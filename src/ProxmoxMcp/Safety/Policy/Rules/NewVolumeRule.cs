using System.Globalization;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Safety.Policy.Rules;

/// <summary>
/// A new volume only: <c>STORAGE:SIZE_GIB[,option=value...]</c>, allocated fresh by Proxmox. Never an
/// existing volume (<c>local-lvm:vm-101-disk-0</c>: another guest's disk, corrupted when mounted twice),
/// a host path or device (<c>/dev/sda</c>, <c>/</c>), or <c>import-from</c> (a copy of another disk);
/// options only from the reviewed list of its kind; a mount point only at a path inside the container.
/// </summary>
public sealed partial class NewVolumeRule(VolumeKind kind) : ParameterRule
{
    /// <summary>The largest size one new volume may ask for, GiB (the storage's free space is checked too).</summary>
    public const long MaxGib = 1_048_576;

    public VolumeKind Kind { get; } = kind;

    /// <summary>A path inside the container: absolute, plain segments, never "/" itself or a dot segment.</summary>
    public static readonly ParameterRule MountPath = new PatternRule(@"^(?!/(proc|sys|dev)(/|$))(/[A-Za-z0-9_+-][A-Za-z0-9._+-]*)+$", "an absolute path inside the container such as /data (no '..', not under /proc, /sys or /dev)", "/data", 256);

    private static readonly ParameterRule MountOptions = new PatternRule(@"^(noatime|nodev|noexec|nosuid|discard|lazytime)(;(noatime|nodev|noexec|nosuid|discard|lazytime))*$", "mount options from noatime, nodev, noexec, nosuid, discard, lazytime", "noatime");

    private static readonly ParameterRule Flag = new BoolRule(true, true);

    private static readonly IReadOnlyDictionary<VolumeKind, IReadOnlyDictionary<string, ParameterRule>> OptionsByKind = new Dictionary<VolumeKind, IReadOnlyDictionary<string, ParameterRule>>
    {
        [VolumeKind.VmDisk] = new Dictionary<string, ParameterRule>(StringComparer.Ordinal)
        {
            ["iothread"] = Flag,
            ["ssd"] = Flag,
            ["backup"] = Flag,
            ["replicate"] = Flag,
            ["discard"] = new OneOfRule("on", "ignore"),
            ["cache"] = new OneOfRule("none", "writethrough", "writeback", "directsync"),
            ["aio"] = new OneOfRule("native", "threads", "io_uring"),
            ["format"] = new OneOfRule("raw", "qcow2", "vmdk"),
        },
        [VolumeKind.EfiDisk] = new Dictionary<string, ParameterRule>(StringComparer.Ordinal)
        {
            ["efitype"] = new OneOfRule("2m", "4m"),
            ["pre-enrolled-keys"] = Flag,
            ["format"] = new OneOfRule("raw", "qcow2", "vmdk"),
        },
        [VolumeKind.TpmState] = new Dictionary<string, ParameterRule>(StringComparer.Ordinal)
        {
            ["version"] = new OneOfRule("v1.2", "v2.0"),
        },
        [VolumeKind.ContainerRoot] = new Dictionary<string, ParameterRule>(StringComparer.Ordinal)
        {
            ["acl"] = Flag,
            ["quota"] = Flag,
            ["replicate"] = Flag,
            ["mountoptions"] = MountOptions,
        },
        [VolumeKind.MountPoint] = new Dictionary<string, ParameterRule>(StringComparer.Ordinal)
        {
            ["mp"] = MountPath,
            ["acl"] = Flag,
            ["backup"] = Flag,
            ["quota"] = Flag,
            ["replicate"] = Flag,
            ["ro"] = Flag,
            ["mountoptions"] = MountOptions,
        },
    };

    public IReadOnlyDictionary<string, ParameterRule> Options => OptionsByKind[Kind];

    public override string? Problem(string value)
    {
        var match = Shape().Match(value);
        if (!match.Success)
        {
            if (value.StartsWith('/'))
            {
                return "is a host path or device; only a new volume STORAGE:SIZE (e.g. local-lvm:20) is allowed";
            }
            if (Regex.IsMatch(value, @"^[^:,]+:[^,]*[A-Za-z/]", RegexOptions.CultureInvariant))
            {
                return "names an existing volume; only a new volume STORAGE:SIZE (e.g. local-lvm:20) is allowed, never a disk that already exists";
            }
            return "must be a new volume STORAGE:SIZE_IN_GIB[,options], e.g. local-lvm:20";
        }
        var size = long.Parse(match.Groups["size"].Value, CultureInfo.InvariantCulture);
        if (size is < 1 or > MaxGib)
        {
            return $"must ask for 1 to {MaxGib} GiB (size 0 means importing an existing disk, which is refused)";
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var options = match.Groups["options"].Success ? match.Groups["options"].Value.Split(',') : [];
        foreach (var option in options)
        {
            var parts = option.Split('=', 2);
            if (parts[0] == "import-from")
            {
                return "may not use import-from: it copies an existing disk (another guest's, or a host file) into the new one";
            }
            if (!Options.TryGetValue(parts[0], out var rule))
            {
                return $"option '{parts[0]}' is not one this server sets on a new volume (allowed: {string.Join(", ", Options.Keys.Order(StringComparer.Ordinal))})";
            }
            if (parts.Length != 2 || !seen.Add(parts[0]))
            {
                return $"option '{parts[0]}' must appear once, as {parts[0]}=value";
            }
            if (rule.Problem(parts[1]) is { } problem)
            {
                return $"{parts[0]} {problem}";
            }
        }
        if (Kind == VolumeKind.MountPoint && !seen.Contains("mp"))
        {
            return "needs mp=/path, where the volume appears inside the container (e.g. local-lvm:10,mp=/data)";
        }
        return null;
    }

    /// <summary>The storage and size of a value this rule accepts.</summary>
    public static (string Storage, long Gib)? Allocation(string value)
    {
        var match = Shape().Match(value);
        return match.Success ? (match.Groups["storage"].Value, long.Parse(match.Groups["size"].Value, CultureInfo.InvariantCulture)) : null;
    }

    public override string Canonical =>
        $"new-volume({Kind},options={string.Join("|", Options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.Key + "=" + o.Value.Canonical))})";

    public override string Example => Kind switch
    {
        VolumeKind.MountPoint => "local-lvm:8,mp=/data",
        VolumeKind.EfiDisk or VolumeKind.TpmState => "local-lvm:1",
        _ => "local-lvm:8",
    };

    [GeneratedRegex(@"^(?<storage>[a-z][a-z0-9_.-]{0,62}[a-z0-9]):(?<size>[0-9]{1,9})(,(?<options>[^,]+(,[^,]+)*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
