using System.Globalization;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Api;

/// <summary>
/// A Proxmox task id: <c>UPID:node:pid:pstart:starttime:type:id:user:</c>. The node named in it is
/// where the task's status must be polled, whichever node the call went to.
/// </summary>
public sealed partial record Upid(string Text, string Node, int Pid, long ProcessStart, DateTimeOffset StartTime, string Type, string Id, string User)
{
    [GeneratedRegex(@"^UPID:([a-zA-Z0-9](?:[a-zA-Z0-9\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\s]+):([^:\s]*):([^:\s]+):$", RegexOptions.CultureInvariant)]
    private static partial Regex Format();

    public static bool TryParse(string? text, out Upid upid)
    {
        upid = null!;
        if (text is null)
        {
            return false;
        }
        var match = Format().Match(text);
        if (!match.Success)
        {
            return false;
        }
        upid = new Upid(
            text,
            match.Groups[1].Value,
            int.Parse(match.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            long.Parse(match.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(match.Groups[4].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)),
            match.Groups[5].Value,
            match.Groups[6].Value,
            match.Groups[7].Value);
        return true;
    }

    public static Upid Parse(string text) =>
        TryParse(text, out var upid) ? upid : throw new FormatException($"'{text}' is not a Proxmox task id (UPID).");

    public override string ToString() => Text;
}
