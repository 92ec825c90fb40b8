using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProxmoxMcp.Tools;

/// <summary>
/// The one set of serializer options for tool results. The generator writes output schemas with
/// the same conventions (snake_case names, enums as snake_case strings, nulls omitted and therefore
/// not required), so <c>structuredContent</c> always matches the declared <c>outputSchema</c>.
/// </summary>
public static class ToolJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
