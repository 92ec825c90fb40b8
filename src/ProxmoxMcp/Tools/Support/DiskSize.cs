using System.Globalization;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Tools.Support;

/// <summary>Disk sizes as Proxmox writes them: "32G", "512M", "size=8G" inside a volume string.</summary>
public static class DiskSize
{
    public static long ParseBytes(string text)
    {
        var match = Regex.Match(text.Trim(), @"^([0-9]+(?:\.[0-9]+)?)([KMGT]?)$", RegexOptions.CultureInvariant);
        if (!match.Success)
        {
            throw new ToolInputException($"'{text}' is not a size such as 8G, 512M or 1T.");
        }
        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var multiplier = match.Groups[2].Value switch { "K" => 1L << 10, "M" => 1L << 20, "G" => 1L << 30, "T" => 1L << 40, _ => 1L };
        return (long)Math.Round(number * multiplier);
    }

    /// <summary>The "size=" of a volume string, in bytes.</summary>
    public static long? CurrentBytes(string volume)
    {
        var match = Regex.Match(volume, @"(?:^|,)size=([0-9]+(?:\.[0-9]+)?[KMGT]?)(?:,|$)", RegexOptions.CultureInvariant);
        return match.Success ? ParseBytes(match.Groups[1].Value) : null;
    }

    /// <summary>"+8G" when whole GiB, else "+NK" or "+N" bytes: Proxmox's size syntax, always relative.</summary>
    public static string Relative(long bytes) =>
        bytes % (1L << 30) == 0 ? $"+{bytes >> 30}G"
        : bytes % (1L << 20) == 0 ? $"+{bytes >> 20}M"
        : bytes % (1L << 10) == 0 ? $"+{bytes >> 10}K"
        : "+" + bytes.ToString(CultureInfo.InvariantCulture);

    public static string Format(long bytes) =>
        bytes % (1L << 30) == 0 ? $"{bytes >> 30}G"
        : bytes >= 1L << 30 ? (bytes / (double)(1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + "G"
        : $"{bytes >> 20}M";
}
