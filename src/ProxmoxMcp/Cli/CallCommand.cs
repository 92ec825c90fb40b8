using Microsoft.Extensions.Logging;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Cli;

/// <summary>
/// <c>proxmox-mcp call TOOL --arg name=value</c>: one tool through the same registry, binding and
/// safety layers as the server. Prints the tool's text (or structured JSON); exit 0 on success, 1
/// when the tool returned an error, 2 for a usage problem.
/// </summary>
internal static class CallCommand
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> settings, bool sandbox, string toolName, string[] pairs, string? json,
        bool structured, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var runtime = await ServerRuntime.CreateAsync(settings, sandbox, LogLevel.Warning, cancellationToken).ConfigureAwait(false);
        var tool = runtime.Tools.FirstOrDefault(t => t.Definition.Name == toolName);
        if (tool is null)
        {
            var known = ToolCatalog.All.FirstOrDefault(t => t.Definition.Name == toolName);
            await error.WriteLineAsync(known is null ? $"Unknown tool '{toolName}'. Run 'proxmox-mcp tools' to list them."
                : !runtime.Options.Tiers.Contains(known.Tier) ? $"{toolName} is off: PROXMOX_TIERS leaves out the {ToolTierNames.Name(known.Tier)} tier."
                : $"{toolName} is off: in-guest execution needs PROXMOX_ENABLE_EXEC=true (see SECURITY.md for what that grants).").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        Dictionary<string, JsonElement> arguments;
        try
        {
            arguments = CallArguments.Parse(pairs, json, tool.ProtocolTool.InputSchema);
        }
        catch (FormatException exception)
        {
            await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var result = await tool.InvokeAsync(new ToolInvocation(arguments, runtime.Services, new StderrToolProgress(error), cancellationToken, CallOrigin.CommandLine)).ConfigureAwait(false);
        var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));
        if (result.IsError == true)
        {
            await error.WriteLineAsync(text).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        await output.WriteLineAsync(structured && result.StructuredContent is { } content
            ? JsonSerializer.Serialize(content, ToolJson.Options)
            : text).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
