using System.Text.Json;

namespace ProxmoxMcp.Tools;

/// <summary>
/// JSON may carry strings that are not valid Unicode (a lone surrogate, "\ud800"): no tool can use one,
/// and decoding it throws. Checked once before anything else, so such input is a clear argument error.
/// </summary>
public static class ArgumentText
{
    public static void EnsureValid(IReadOnlyDictionary<string, JsonElement>? arguments)
    {
        foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            if (!IsValid(name) || !IsValid(value, 0))
            {
                throw new ToolInputException($"The argument '{Printable(name)}' holds text that is not valid Unicode (an unpaired surrogate); send plain UTF-8 text.");
            }
        }
    }

    private static bool IsValid(JsonElement value, int depth)
    {
        if (depth > 64)
        {
            return true;
        }
        try
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return IsValid(value.GetString()!);
                case JsonValueKind.Array:
                    return value.EnumerateArray().All(item => IsValid(item, depth + 1));
                case JsonValueKind.Object:
                    return value.EnumerateObject().All(property => IsValid(property.Name) && IsValid(property.Value, depth + 1));
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsValid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static string Printable(string name) => new(name.Where(c => !char.IsSurrogate(c) && !char.IsControl(c)).Take(64).ToArray());
}
