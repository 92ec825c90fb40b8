using System.Text.Json;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tools.Results;

namespace ProxmoxMcp.Tools.Support;

/// <summary>
/// Summaries of Proxmox RRD answers (one sample per row, a field per metric; a field is missing where
/// the archive holds no value, e.g. while a guest was stopped).
/// </summary>
public static class RrdSeries
{
    /// <summary>The samples of a field that hold a value, oldest first, with their times.</summary>
    public static IReadOnlyList<(long Time, double Value)> Values(JsonElement rows, string field) =>
        rows.Items()
            .Select(r => (Time: r.Int64("time") ?? 0, Value: r.Double(field)))
            .Where(s => s.Value is { } v && double.IsFinite(v))
            .Select(s => (s.Time, s.Value!.Value))
            .OrderBy(s => s.Time)
            .ToList();

    /// <summary>Growth per day between the first and last sample; null with fewer than two samples a day apart at least an hour.</summary>
    public static double? DailyGrowth(IReadOnlyList<(long Time, double Value)> samples)
    {
        if (samples.Count < 2)
        {
            return null;
        }
        var (firstTime, first) = samples[0];
        var (lastTime, last) = samples[^1];
        var days = (lastTime - firstTime) / 86_400.0;
        return days < 1.0 / 24 ? null : (last - first) / days;
    }

    /// <summary>Average, maximum and newest value of a field, scaled; null when the field has no samples.</summary>
    public static RrdMetric? Summarise(JsonElement rows, string field, string name, string unit, double scale)
    {
        var samples = Values(rows, field);
        if (samples.Count == 0)
        {
            return null;
        }
        return new RrdMetric(name, unit, Math.Round(samples.Average(s => s.Value) * scale, 1), Math.Round(samples.Max(s => s.Value) * scale, 1), Math.Round(samples[^1].Value * scale, 1));
    }
}
