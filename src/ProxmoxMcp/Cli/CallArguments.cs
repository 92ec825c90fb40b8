using System.Text.Json;

namespace ProxmoxMcp.Cli;

/// <summary>
/// Turns <c>--arg name=value</c> pairs and a <c>--json '{...}'</c> object into tool arguments.
/// A value that parses as JSON (101, true, ["a","b"]) is taken as such; anything else is a string.
/// </summary>
public static class CallArguments
{
    /// <param name="pairs">name=value pairs.</param>
    /// <param name="json">A JSON object of arguments.</param>
    /// <param name="inputSchema">The tool's input schema: a value for a string parameter stays a string even when it looks like JSON (shell=true).</param>
    public static Dictionary<string, JsonElement> Parse(IEnumerable<string> pairs, string? json, JsonElement? inputSchema = null)
    {
        var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(json))
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException exception)
            {
                throw new FormatException($"--json is not valid JSON: {exception.Message}");
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("--json must be a JSON object of argument names to values.");
                }
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    arguments[property.Name] = property.Value.Clone();
                }
            }
        }
        foreach (var pair in pairs)
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new FormatException($"--arg '{pair}' must be name=value.");
            }
            var name = pair[..separator];
            var value = pair[(separator + 1)..];
            arguments[name] = IsStringParameter(inputSchema, name) ? JsonSerializer.SerializeToElement(value) : ParseValue(value);
        }
        return arguments;
    }

    private static bool IsStringParameter(JsonElement? schema, string name) =>
        schema is { ValueKind: JsonValueKind.Object } s
        && s.TryGetProperty("properties", out var properties)
        && properties.TryGetProperty(name, out var property)
        && property.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String && type.GetString() == "string";

    private static JsonElement ParseValue(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 0 && (char.IsDigit(trimmed[0]) || trimmed[0] is '-' or '[' or '{' or '"' || trimmed is "true" or "false" or "null"))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Not JSON after all (e.g. "-rf" or "10.0.0.1/24"): it is a plain string.
            }
        }
        return JsonSerializer.SerializeToElement(text);
    }
}
