using System.Collections.Concurrent;
using System.Text.Json;
using NJsonSchema;

namespace ProxmoxMcp.TestSupport;

/// <summary>
/// Validates JSON against a JSON Schema with NJsonSchema, a well-kept validator that shares none of the
/// generator's code or assumptions, so tests that prove structuredContent matches outputSchema (and
/// arguments match inputSchema) check the generator's schemas independently.
/// </summary>
public static class JsonSchemaValidator
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> Validate(JsonElement schema, JsonElement instance)
    {
        var parsed = Schemas.GetOrAdd(schema.GetRawText(), text => JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult());
        return parsed.Validate(instance.GetRawText()).Select(Describe).ToList();
    }

    private static string Describe(NJsonSchema.Validation.ValidationError error) =>
        error is NJsonSchema.Validation.ChildSchemaValidationError child
            ? $"{error.Path}: {error.Kind} ({string.Join("; ", child.Errors.SelectMany(e => e.Value).Select(Describe))})"
            : $"{error.Path ?? "#"}: {error.Kind}";
}
