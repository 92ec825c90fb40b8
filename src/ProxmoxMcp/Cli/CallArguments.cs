using System.Text.Json;

namespace ProxmoxMcp.Cli;

/// <summary>
/// Turns <c>--arg name=value</c> pairs and a <c>--json '{...}'</c> object into tool arguments.
/// A value that parses as JSON (101, true, ["a","b"]) is taken as such; anything else is a string.
/// </summary>
public static class CallArguments
{
    public static Dictionary<string, JsonElement> Parse(IEnumerable<string> pairs, string? json)
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
            arguments[pair[..separator]] = ParseValue(pair[(separator + 1)..]);
        }
        return arguments;
    }

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
