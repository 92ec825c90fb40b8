using System.Globalization;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Tools.Support;

/// <summary>
/// A point in time as an agent writes it: an age (30m, 2h, 1d, 1w before now) or an ISO 8601 time
/// (UTC unless it says otherwise). Ages spare the model from computing epochs.
/// </summary>
public static partial class TimeArgument
{
    [GeneratedRegex(@"^([0-9]{1,5})([smhdw])$", RegexOptions.CultureInvariant)]
    private static partial Regex Age();

    /// <summary>The time, or a <see cref="ToolInputException"/> naming <paramref name="argument"/>.</summary>
    public static DateTimeOffset Parse(string text, DateTimeOffset now, string argument)
    {
        if (Age().Match(text) is { Success: true } age)
        {
            var amount = int.Parse(age.Groups[1].Value, CultureInfo.InvariantCulture);
            var span = age.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => TimeSpan.FromDays(7.0 * amount),
            };
            return span <= now - DateTimeOffset.UnixEpoch
                ? now - span
                : throw new ToolInputException($"'{argument}': '{text}' reaches back before 1970.");
        }
        if (text.Length >= 10 && char.IsAsciiDigit(text[0])
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            && time.Year >= 1970)
        {
            return time;
        }
        throw new ToolInputException($"'{argument}': '{text}' is neither an age such as 30m, 2h or 1d nor an ISO time such as 2025-06-01T14:00Z.");
    }
}
