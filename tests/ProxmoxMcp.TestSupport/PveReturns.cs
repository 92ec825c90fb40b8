using System.Globalization;
using System.Text.Json;

namespace ProxmoxMcp.TestSupport;

/// <summary>
/// An answer checked against the official schema's <c>returns</c> of its operation: declared types
/// (booleans may arrive as 0/1, as the real API sends them), enums, required members (those without
/// "optional"), no undeclared members where the schema forbids them, array items recursively.
/// </summary>
public static class PveReturns
{
    public static IReadOnlyList<string> Check(PveSchema schema, string method, string concretePath, JsonElement data)
    {
        var operation = schema.Find(method, concretePath);
        if (operation is null)
        {
            return [$"{method} {concretePath}: no such operation in PVE {schema.Version}"];
        }
        var problems = new List<string>();
        Walk(operation.Returns, data, $"{method} {operation.Path}", problems);
        return problems;
    }

    private static void Walk(JsonElement schema, JsonElement value, string where, List<string> problems)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        var type = schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (type is not null and not "null")
            {
                problems.Add($"{where}: null where the schema declares {type}");
            }
            return;
        }
        if (type is not null && !Fits(type, value))
        {
            problems.Add($"{where}: {value.ValueKind} where the schema declares {type} ({Short(value)})");
            return;
        }
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
            && !values.EnumerateArray().Any(v => v.ToString() == value.ToString()))
        {
            problems.Add($"{where}: {Short(value)} is not one of {string.Join(", ", values.EnumerateArray())}");
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Walk(items, item, $"{where}[{index++}]", problems);
            }
        }
        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var optional = property.Value.TryGetProperty("optional", out var o) && o.ToString() == "1";
                if (value.TryGetProperty(property.Name, out var member))
                {
                    Walk(property.Value, member, $"{where}.{property.Name}", problems);
                }
                else if (!optional)
                {
                    problems.Add($"{where}: the required member '{property.Name}' is missing");
                }
            }
            if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ToString() is "0" or "False" or "false")
            {
                foreach (var member in value.EnumerateObject().Where(m => !properties.TryGetProperty(m.Name, out _)))
                {
                    problems.Add($"{where}: '{member.Name}' is not declared and the schema allows no other members");
                }
            }
        }
    }

    private static bool Fits(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False
            || (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var flag) && flag is 0 or 1),
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static string Short(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 60 ? text[..60] + "..." : text.ToString(CultureInfo.InvariantCulture);
    }
}
