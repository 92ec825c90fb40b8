using System.Globalization;
using System.Text;

namespace ProxmoxMcp.Tools;

/// <summary>
/// Listings as a header of column names and one row of bare values per item: a model reads a
/// 10,000-guest cluster's answer in a fraction of the text that name=value pairs would take, and the
/// named fields are in structuredContent anyway.
/// </summary>
internal static class CompactRows
{
    /// <summary>The summary line: total, shown, truncated and offline nodes.</summary>
    public static StringBuilder Header(int total, int shown, bool truncated, IReadOnlyList<string> offlineNodes, string columns)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"total={total} shown={shown} truncated={(truncated ? "true" : "false")}");
        if (offlineNodes.Count > 0)
        {
            text.Append(" offline_nodes=[").Append(string.Join(", ", offlineNodes)).Append(']');
        }
        if (truncated)
        {
            text.Append(" (narrow the filters or raise limit)");
        }
        return text.Append('\n').Append(columns).Append('\n');
    }

    /// <summary>A value as a row cell: "-" when absent, JSON-quoted when it holds spaces.</summary>
    public static string Cell(string? text) =>
        string.IsNullOrEmpty(text) ? "-"
        : text.Any(c => char.IsWhiteSpace(c) || c == '"' || char.IsControl(c)) ? System.Text.Json.JsonSerializer.Serialize(text, CompactText.Relaxed)
        : text;

    public static string Number(double? value) => value is { } v ? Math.Round(v, 1).ToString(CultureInfo.InvariantCulture) : "-";

    public static string Number(long? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "-";

    /// <summary>used/max, or "-" when neither is known.</summary>
    public static string Pair(double? used, double? max) => used is null && max is null ? "-" : $"{Number(used)}/{Number(max)}";

    public static string Pair(long? used, long? max) => used is null && max is null ? "-" : $"{Number(used)}/{Number(max)}";

    /// <summary>Uptime as 45s, 12m, 3h or 2d.</summary>
    public static string Duration(long? seconds) => seconds switch
    {
        null or <= 0 => "-",
        < 60 => $"{seconds}s",
        < 3600 => $"{seconds / 60}m",
        < 86_400 => $"{seconds / 3600}h",
        _ => $"{seconds / 86_400}d",
    };

    public static string Tags(IReadOnlyList<string>? tags) => tags is { Count: > 0 } ? Cell(string.Join(';', tags)) : "-";
}
