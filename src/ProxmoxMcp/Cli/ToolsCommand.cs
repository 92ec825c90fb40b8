using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Cli;

/// <summary><c>proxmox-mcp tools</c>: the registry of this build, as text, JSON or its checksum. Needs no cluster.</summary>
internal static class ToolsCommand
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> settings, bool json, bool checksum, string? writeLock, bool policy, TextWriter output, TextWriter error,
        bool markdown = false, string? write = null)
    {
        var all = ToolCatalog.All;
        if (markdown)
        {
            if (write is null)
            {
                await output.WriteAsync(ToolReference.Markdown()).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            if (!File.Exists(write) || ToolReference.Replace(await File.ReadAllTextAsync(write).ConfigureAwait(false)) is not { } updated)
            {
                await error.WriteLineAsync($"{write} has no tool reference to replace: put the lines {ToolReference.Begin} and {ToolReference.End} where it belongs.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            await File.WriteAllTextAsync(write, updated).ConfigureAwait(false);
            await error.WriteLineAsync($"Wrote the reference of {all.Count} tools into {Path.GetFullPath(write)}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        if (policy)
        {
            await output.WriteLineAsync(Safety.Policy.PolicyTable.Canonical).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        if (writeLock is not null)
        {
            await File.WriteAllTextAsync(writeLock, ToolCatalog.LockFileText).ConfigureAwait(false);
            await error.WriteLineAsync($"Wrote {all.Count} tools to {Path.GetFullPath(writeLock)} (checksum {ToolCatalog.Checksum}).").ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        if (checksum)
        {
            var summary = new JsonObject { ["checksum"] = ToolCatalog.Checksum, ["tools"] = all.Count };
            await output.WriteLineAsync(summary.ToJsonString()).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        var execEnabled = settings.TryGetValue("PROXMOX_ENABLE_EXEC", out var exec) && exec.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";
        var problems = new List<string>();
        var tiers = OptionsLoader.ParseTiers(settings.GetValueOrDefault("PROXMOX_TIERS"), problems);
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }
        string? Off(ToolTier tier) =>
            !tiers.Contains(tier) ? $"off: PROXMOX_TIERS={settings["PROXMOX_TIERS"].Trim()} leaves out {ToolTierNames.Name(tier)}"
            : tier == ToolTier.GuestExec && !execEnabled ? "off: set PROXMOX_ENABLE_EXEC=true"
            : null;
        if (json)
        {
            var array = new JsonArray();
            foreach (var tool in all)
            {
                var node = JsonSerializer.SerializeToNode(tool.ProtocolTool, McpJsonUtilities.DefaultOptions)!.AsObject();
                node["tier"] = TierName(tool.Tier);
                node["enabled"] = Off(tool.Tier) is null;
                array.Add(node);
            }
            await output.WriteLineAsync(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        var width = all.Max(t => t.Definition.Name.Length);
        foreach (var tool in all)
        {
            var note = Off(tool.Tier) is { } off ? $" ({off})" : string.Empty;
            await output.WriteLineAsync($"{tool.Definition.Name.PadRight(width)}  {TierName(tool.Tier),-9}  {FirstSentence(tool.Definition.Description)}{note}").ConfigureAwait(false);
        }
        await output.WriteLineAsync($"{all.Count} tools, {all.Count(t => Off(t.Tier) is null)} exposed; registry checksum {ToolCatalog.Checksum} (covers all {all.Count})").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    internal static string TierName(ToolTier tier) => tier switch
    {
        ToolTier.Read => "A read",
        ToolTier.Lifecycle => "B power",
        ToolTier.Provision => "C create",
        _ => "D' exec",
    };

    /// <summary>Up to the first full stop that ends a sentence (". " or the end), so "e.g." does not cut it short.</summary>
    internal static string FirstSentence(string description)
    {
        var line = description.Split('\n')[0];
        var match = System.Text.RegularExpressions.Regex.Match(line, @"^.*?[^.]{3}\.(?=\s|$)");
        return match.Success ? match.Value : line;
    }
}
