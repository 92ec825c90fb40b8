using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Cli;

/// <summary>
/// <c>proxmox-mcp settings</c>: every setting, its default and what it does (secrets and required ones
/// marked); <c>--server-json</c> prints the MCP registry entry built from the same list. Needs no cluster.
/// </summary>
internal static class SettingsCommand
{
    public static async Task<int> RunAsync(bool serverJson, string? write, TextWriter output, TextWriter error)
    {
        var text = serverJson ? ServerJson.Text() : Table();
        if (write is null)
        {
            await output.WriteAsync(text).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        await File.WriteAllTextAsync(write, text).ConfigureAwait(false);
        await error.WriteLineAsync($"Wrote {Path.GetFullPath(write)}.").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static string Table()
    {
        var width = SettingCatalog.All.Max(s => s.Name.Length);
        var lines = SettingCatalog.All.Select(s =>
        {
            var marks = (s.Required ? "required; " : string.Empty) + (s.Secret ? "secret; " : string.Empty) + (s.Default is { } value ? $"default {value}; " : string.Empty);
            return $"{s.Name.PadRight(width)}  {marks}{s.Description}";
        });
        return string.Join('\n', lines) + $"\n{SettingCatalog.All.Count} settings, from the environment, a .env file or a profile (--profile); the environment wins.\n";
    }
}
