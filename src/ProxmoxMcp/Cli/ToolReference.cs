using System.Text;
using System.Text.Json;
using ProxmoxMcp.Hosting;

namespace ProxmoxMcp.Cli;

/// <summary>
/// The README's tool reference, made from the registry: name, tier, the description's first sentence and
/// the parameters (optional ones marked <c>?</c>), between two marker comments so
/// <c>proxmox-mcp tools --markdown --write README.md</c> can replace it and a test can tell when it drifts.
/// </summary>
internal static class ToolReference
{
    public const string Begin = "<!-- tools:begin: generated from the registry by `proxmox-mcp tools --markdown`; do not edit by hand -->";

    public const string End = "<!-- tools:end -->";

    /// <summary>The command that refreshes README.md from a checkout.</summary>
    public const string RefreshCommand = "dotnet run --project src/ProxmoxMcp -- tools --markdown --write README.md";

    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append(Begin).Append('\n');
        text.Append($"{ToolCatalog.All.Count} tools. Parameters marked `?` are optional; `tools --json` prints every schema.\n\n");
        text.Append("| tool | tier | what it does | parameters |\n|---|---|---|---|\n");
        foreach (var tool in ToolCatalog.All)
        {
            text.Append($"| `{tool.Definition.Name}` | {ToolsCommand.TierName(tool.Tier)} | {Cell(ToolsCommand.FirstSentence(tool.Definition.Description))} | {Parameters(tool.ProtocolTool.InputSchema)} |\n");
        }
        text.Append(End).Append('\n');
        return text.ToString();
    }

    /// <summary>FILE with the text between the markers (markers included) replaced; null when FILE has no markers.</summary>
    public static string? Replace(string file)
    {
        var begin = file.IndexOf(Begin, StringComparison.Ordinal);
        var end = file.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            return null;
        }
        var after = end + End.Length;
        if (after < file.Length && file[after] == '\n')
        {
            after++;
        }
        return file[..begin] + Markdown() + file[after..];
    }

    private static string Parameters(JsonElement schema)
    {
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }
        var required = schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(r => r.GetString()).ToHashSet(StringComparer.Ordinal)
            : [];
        return string.Join(" ", properties.EnumerateObject().Select(p => required.Contains(p.Name) ? $"`{p.Name}`" : $"`{p.Name}?`"));
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
