using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Tools;

/// <summary>
/// Reads tool arguments from raw JSON without reflection. Generated code calls one method per
/// parameter; every problem (missing, unknown, wrong type, out of range) is collected, so the
/// agent learns about all of them in one <c>isError</c> result that names each parameter and
/// what was expected. Numbers sent as JSON strings ("100") are accepted, as some clients send them so.
/// </summary>
public sealed class ArgumentBinder
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);
    private readonly string _toolName;
    private readonly IReadOnlyDictionary<string, JsonElement> _arguments;
    private readonly List<string> _errors = [];

    public ArgumentBinder(string toolName, IReadOnlyDictionary<string, JsonElement>? arguments, IReadOnlyList<string> knownNames)
    {
        _toolName = toolName;
        _arguments = arguments ?? new Dictionary<string, JsonElement>();
        foreach (var name in _arguments.Keys.Where(k => !knownNames.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal))
        {
            _errors.Add(knownNames.Count == 0
                ? $"'{name}': unknown argument; this tool takes no arguments"
                : $"'{name}': unknown argument; this tool takes: {string.Join(", ", knownNames)}");
        }
    }

    /// <summary>The error result naming every bad argument, or null when all arguments bound.</summary>
    public CallToolResult? ErrorResult => _errors.Count == 0
        ? null
        : ToolResults.Error($"Invalid arguments for {_toolName}:\n- " + string.Join("\n- ", _errors));

    public string String(string name, bool required, string? defaultValue, string? pattern, int? minLength, int? maxLength)
    {
        if (!TryGet(name, required, "string", out var element))
        {
            return defaultValue!;
        }
        string text;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                text = element.GetString()!;
                break;
            case JsonValueKind.Number:
                text = element.GetRawText();
                break;
            default:
                return Fail<string>(name, $"expected a string, got {Describe(element)}", defaultValue!);
        }
        if (minLength is { } min && text.Length < min)
        {
            return Fail(name, $"must be at least {min} characters long", defaultValue!);
        }
        if (maxLength is { } max && text.Length > max)
        {
            return Fail(name, $"must be at most {max} characters long (got {text.Length})", defaultValue!);
        }
        if (pattern is not null && !Matches(pattern, text))
        {
            return Fail(name, $"{Quote(text)} does not match the pattern {pattern}", defaultValue!);
        }
        return text;
    }

    public long? Integer(string name, bool required, long? defaultValue, double? minimum, double? maximum)
    {
        if (!TryGet(name, required, "integer", out var element))
        {
            return defaultValue;
        }
        if (!TryReadNumber(element, out var number) || number != Math.Floor(number) || double.IsInfinity(number))
        {
            return Fail(name, $"expected an integer, got {Describe(element)}", defaultValue);
        }
        if (number < long.MinValue || number > long.MaxValue)
        {
            return Fail(name, $"{element.GetRawText()} is out of range", defaultValue);
        }
        if (!InRange(name, number, minimum, maximum))
        {
            return defaultValue;
        }
        return (long)number;
    }

    public double? Number(string name, bool required, double? defaultValue, double? minimum, double? maximum)
    {
        if (!TryGet(name, required, "number", out var element))
        {
            return defaultValue;
        }
        if (!TryReadNumber(element, out var number) || double.IsNaN(number) || double.IsInfinity(number))
        {
            return Fail(name, $"expected a number, got {Describe(element)}", defaultValue);
        }
        return InRange(name, number, minimum, maximum) ? number : defaultValue;
    }

    public bool? Boolean(string name, bool required, bool? defaultValue)
    {
        if (!TryGet(name, required, "boolean", out var element))
        {
            return defaultValue;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String when bool.TryParse(element.GetString(), out var parsed):
                return parsed;
            default:
                return Fail(name, $"expected true or false, got {Describe(element)}", defaultValue);
        }
    }

    /// <summary>Binds one of a fixed set of string values; returns its index, or the default index.</summary>
    public int Choice(string name, bool required, int defaultIndex, IReadOnlyList<string> values)
    {
        if (!TryGet(name, required, "one of " + string.Join(", ", values), out var element))
        {
            return defaultIndex;
        }
        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString()!;
            for (var i = 0; i < values.Count; i++)
            {
                if (string.Equals(values[i], text, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }
        return Fail(name, $"expected one of {string.Join(", ", values)}; got {Describe(element)}", defaultIndex);
    }

    /// <summary>Binds one of an enum's snake_case names to its member.</summary>
    public TEnum? Enum<TEnum>(string name, bool required, TEnum? defaultValue, IReadOnlyList<string> values, IReadOnlyList<TEnum> members)
        where TEnum : struct, Enum
    {
        var index = Choice(name, required, -1, values);
        return index < 0 ? defaultValue : members[index];
    }

    /// <summary>Narrows a bound integer list whose items were already checked against int's range.</summary>
    public static IReadOnlyList<int>? ToInt32List(IReadOnlyList<long>? values) =>
        values?.Select(v => (int)v).ToArray();

    public IReadOnlyList<string>? StringList(string name, bool required, string? itemPattern, int? minItems, int? maxItems)
    {
        if (!TryGetArray(name, required, "array of strings", minItems, maxItems, out var element))
        {
            return null;
        }
        var items = new List<string>(element.GetArrayLength());
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return Fail<IReadOnlyList<string>?>(name, $"item {index} must be a string, got {Describe(item)}", null);
            }
            var text = item.GetString()!;
            if (itemPattern is not null && !Matches(itemPattern, text))
            {
                return Fail<IReadOnlyList<string>?>(name, $"item {index} {Quote(text)} does not match the pattern {itemPattern}", null);
            }
            items.Add(text);
            index++;
        }
        return items;
    }

    public IReadOnlyList<long>? IntegerList(string name, bool required, double? itemMinimum, double? itemMaximum, int? minItems, int? maxItems)
    {
        if (!TryGetArray(name, required, "array of integers", minItems, maxItems, out var element))
        {
            return null;
        }
        var items = new List<long>(element.GetArrayLength());
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (!TryReadNumber(item, out var number) || number != Math.Floor(number) || number < long.MinValue || number > long.MaxValue)
            {
                return Fail<IReadOnlyList<long>?>(name, $"item {index} must be an integer, got {Describe(item)}", null);
            }
            if (!InRange($"{name}[{index}]", number, itemMinimum, itemMaximum))
            {
                return null;
            }
            items.Add((long)number);
            index++;
        }
        return items;
    }

    /// <summary>An object of string, number or boolean values, all read as strings (booleans as 1/0, as Proxmox wants).</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string name, bool required)
    {
        if (!TryGet(name, required, "object", out var element))
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Fail<IReadOnlyDictionary<string, string>?>(name, $"expected an object of option names to values, got {Describe(element)}", null);
        }
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            string? value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "1",
                JsonValueKind.False => "0",
                _ => null,
            };
            if (value is null)
            {
                return Fail<IReadOnlyDictionary<string, string>?>(name, $"value of '{property.Name}' must be a string, number or boolean, got {Describe(property.Value)}", null);
            }
            map[property.Name] = value;
        }
        return map;
    }

    /// <summary>An object of any JSON values by name, kept as sent (the arguments of another tool, which binds them itself).</summary>
    public IReadOnlyDictionary<string, JsonElement>? JsonMap(string name, bool required)
    {
        if (!TryGet(name, required, "object", out var element))
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Fail<IReadOnlyDictionary<string, JsonElement>?>(name, $"expected an object, got {Describe(element)}", null);
        }
        var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            // As for the tool's own arguments, a repeated name keeps its last value.
            map[property.Name] = property.Value.Clone();
        }
        return map;
    }

    private bool TryGet(string name, bool required, string expected, out JsonElement element)
    {
        if (_arguments.TryGetValue(name, out element) && element.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return true;
        }
        if (required)
        {
            _errors.Add($"'{name}': missing (required {expected})");
        }
        return false;
    }

    private bool TryGetArray(string name, bool required, string expected, int? minItems, int? maxItems, out JsonElement element)
    {
        if (!TryGet(name, required, expected, out element))
        {
            return false;
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            _errors.Add($"'{name}': expected an {expected}, got {Describe(element)}");
            return false;
        }
        var count = element.GetArrayLength();
        if (minItems is { } min && count < min)
        {
            _errors.Add($"'{name}': needs at least {min} item(s)");
            return false;
        }
        if (maxItems is { } max && count > max)
        {
            _errors.Add($"'{name}': takes at most {max} item(s), got {count}");
            return false;
        }
        return true;
    }

    private bool InRange(string name, double number, double? minimum, double? maximum)
    {
        var shown = number.ToString(CultureInfo.InvariantCulture);
        if (minimum is { } min && number < min)
        {
            _errors.Add($"'{name}': {shown} is below the minimum {min.ToString(CultureInfo.InvariantCulture)}");
            return false;
        }
        if (maximum is { } max && number > max)
        {
            _errors.Add($"'{name}': {shown} is above the maximum {max.ToString(CultureInfo.InvariantCulture)}");
            return false;
        }
        return true;
    }

    private T Fail<T>(string name, string why, T fallback)
    {
        _errors.Add($"'{name}': {why}");
        return fallback;
    }

    /// <summary>An integer as <see cref="Integer"/> binds it (numbers, and numbers in strings), for code that must see the same value the tool will.</summary>
    public static bool TryReadInteger(JsonElement element, out long value)
    {
        value = 0;
        if (!TryReadNumber(element, out var number) || number != Math.Floor(number) || number < long.MinValue || number > long.MaxValue)
        {
            return false;
        }
        value = (long)number;
        return true;
    }

    private static bool TryReadNumber(JsonElement element, out double number)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                return element.TryGetDouble(out number);
            case JsonValueKind.String:
                return double.TryParse(element.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out number);
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>
    /// The schema's patterns are ECMAScript, where <c>$</c> is the end of the text; in .NET it also matches
    /// before a final line break, so "pve1\n" would pass <c>^[a-z0-9]+$</c>. Every <c>$</c> outside a
    /// character class becomes <c>\z</c>, so the binder accepts exactly what the published schema says.
    /// </summary>
    internal static string StrictEnd(string pattern)
    {
        var strict = new System.Text.StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                strict.Append(c).Append(pattern[++i]);
                continue;
            }
            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            strict.Append(c == '$' && !inClass ? "\\z" : c.ToString());
        }
        return strict.ToString();
    }

    private static bool Matches(string pattern, string text)
    {
        var regex = Patterns.GetOrAdd(pattern, p => new Regex(StrictEnd(p), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "the string " + Quote(element.GetString()!),
        JsonValueKind.Number => "the number " + element.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "the boolean " + element.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Quote(string text) =>
        JsonSerializer.Serialize(text.Length > 80 ? text[..80] + "..." : text, CompactText.Relaxed);
}
