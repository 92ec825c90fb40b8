using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Tools;

/// <summary>Builds the two shapes of <see cref="CallToolResult"/> a tool returns.</summary>
public static class ToolResults
{
    /// <summary>
    /// Success: <c>structuredContent</c> matching the output schema plus compact text for the model.
    /// </summary>
    public static CallToolResult Success<T>(T value) where T : notnull
    {
        var structured = JsonSerializer.SerializeToElement(value, ToolJson.Options);
        var text = value is ICompactText compact ? compact.ToCompactText() : CompactText.Render(structured);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text }],
            StructuredContent = structured,
        };
    }

    /// <summary>Failure: a clear text an agent can act on, and no structured content.</summary>
    public static CallToolResult Error(string message) => new()
    {
        Content = [new TextContentBlock { Text = message }],
        IsError = true,
    };
}
