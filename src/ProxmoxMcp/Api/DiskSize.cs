using System.Globalization;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Api;

/// <summary>Disk sizes as Proxmox writes them: "32G", "512M", "size=8G" inside a volume string. Used by the tools and the safety policy alike.</summary>
public static class DiskSize
{
    public static bool TryParseBytes(string text, out long bytes)
    {
        var match = Regex.Match(text.Trim(), @"^([0-9]{1,12}(?:\.[0-9]{1,6})?)([KMGT]?)$", RegexOptions.CultureInvariant);
        bytes = 0;
        if (!match.Success)
        {
            return false;
        }
        var multiplier = match.Groups[2].Value switch { "K" => 1L << 10, "M" => 1L << 20, "G" => 1L << 30, "T" => 1L << 40, _ => 1L };
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * multiplier;
        if (value > long.MaxValue / 2)
        {
            return false;
        }
        bytes = (long)Math.Round(value);
        return true;
    }

    public static long ParseBytes(string text) =>
        TryParseBytes(text, out var bytes) ? bytes : throw new FormatException($"'{text}' is not a size such as 8G, 512M or 1T.");

    /// <summary>The "size=" of a volume string, in bytes.</summary>
    public static long? CurrentBytes(string volume)
    {
        var match = Regex.Match(volume, @"(?:^|,)size=([0-9]+(?:\.[0-9]+)?[KMGT]?)(?:,|$)", RegexOptions.CultureInvariant);
        return match.Success && TryParseBytes(match.Groups[1].Value, out var bytes) ? bytes : null;
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
