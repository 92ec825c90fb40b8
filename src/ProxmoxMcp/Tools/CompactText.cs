using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ProxmoxMcp.Tools;

/// <summary>
/// Renders a structured result as compact text for the model: top-level scalars on one line,
/// one line per item of each list. Models read this far more cheaply than an indented JSON dump,
/// and the full data is in <c>structuredContent</c> anyway.
/// </summary>
public static class CompactText
{
    public static string Render(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Inline(element);
        }

        var header = new List<string>();
        var blocks = new StringBuilder();
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Array when HasObjects(value):
                    blocks.Append(property.Name).Append(" (").Append(value.GetArrayLength().ToString(CultureInfo.InvariantCulture)).Append("):\n");
                    foreach (var item in value.EnumerateArray())
                    {
                        blocks.Append("- ").Append(item.ValueKind == JsonValueKind.Object ? InlineObjectBody(item) : Inline(item)).Append('\n');
                    }
                    break;
                case JsonValueKind.Object when value.EnumerateObject().Any():
                    blocks.Append(property.Name).Append(": ").Append(InlineObjectBody(value)).Append('\n');
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    header.Add(property.Name + "=" + Inline(value));
                    break;
            }
        }

        var text = new StringBuilder();
        if (header.Count > 0)
        {
            text.Append(string.Join(' ', header)).Append('\n');
        }
        text.Append(blocks);
        return text.ToString().TrimEnd('\n');
    }

    private static bool HasObjects(JsonElement array) =>
        array.EnumerateArray().Any(item => item.ValueKind == JsonValueKind.Object);

    private static string Inline(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "{" + InlineObjectBody(value) + "}",
        JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(Inline)) + "]",
        JsonValueKind.String => Quote(value.GetString()!),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };

    private static string InlineObjectBody(JsonElement value) =>
        string.Join(' ', value.EnumerateObject()
            .Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => p.Name + "=" + Inline(p.Value)));

    /// <summary>Bare when unambiguous, JSON-quoted when the value holds spaces, quotes or line breaks.</summary>
    private static string Quote(string text)
    {
        if (text.Length > 0 && !text.Any(c => char.IsWhiteSpace(c) || c is '"' or '=' or '[' or ']' or '{' or '}' or ',' || char.IsControl(c)))
        {
            return text;
        }
        return JsonSerializer.Serialize(text, Relaxed);
    }

    /// <summary>Quotes and apostrophes stay readable ("can't", not "can\u0027t"): this text is for a model, not for HTML.</summary>
    internal static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
