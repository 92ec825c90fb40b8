using System.Text.Json.Nodes;
using ProxmoxMcp.Cli.ClientConfig;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Cli;

/// <summary>
/// <c>proxmox-mcp client-config claude-code|claude-desktop|cursor [--write] [--path P] [--name N]</c>: prints this
/// server's entry for the client's configuration with the current settings (secrets as placeholders), and for
/// Claude Code the permission rules that have the client ask before every tool that changes something; --write
/// merges them into the client's files, after a backup of each.
/// </summary>
internal static class ClientConfigCommand
{
    public static readonly string[] Clients = ["claude-code", "claude-desktop", "cursor"];

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> settings, bool sandbox, string clientName, bool write, string? path, string server, TextWriter output, TextWriter error)
    {
        McpClientKind? parsed = clientName switch
        {
            "claude-code" => McpClientKind.ClaudeCode,
            "claude-desktop" => McpClientKind.ClaudeDesktop,
            "cursor" => McpClientKind.Cursor,
            _ => null,
        };
        if (parsed is not { } client)
        {
            await error.WriteLineAsync($"client-config: '{clientName}' is not a client this command knows; use one of {string.Join(", ", Clients)}.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        if (!System.Text.RegularExpressions.Regex.IsMatch(server, "^[a-zA-Z0-9_-]{1,64}$"))
        {
            await error.WriteLineAsync($"client-config: --name '{server}' must be letters, digits, '-' and '_' (it becomes part of the tool names the client shows, mcp__NAME__TOOL).").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        try
        {
            // The entry starts a server with these settings: they must be ones it starts with.
            _ = sandbox
                ? OptionsLoader.LoadForSandbox(settings, new ProxmoxOptions { Host = "127.0.0.1", User = "root@pam", TokenName = "sandbox", TokenValue = "sandbox" })
                : OptionsLoader.Load(settings);
        }
        catch (ConfigurationException exception)
        {
            await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            await error.WriteLineAsync("client-config writes the settings the server would start with; fix these first (or add --sandbox to try the built-in sandbox).").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var entry = ClientConfigBuilder.ServerEntry(client, settings, LaunchCommand(), sandbox);
        var files = Files(client, path);
        var changes = new List<(string File, Action<JsonConfigFile> Merge, JsonObject Shown)>
        {
            (files.Servers, file => file.Object(file.Root, "mcpServers")[server] = entry.DeepClone(), new JsonObject { ["mcpServers"] = new JsonObject { [server] = entry.DeepClone() } }),
        };
        if (client == McpClientKind.ClaudeCode)
        {
            var (allow, ask) = ClientConfigBuilder.PermissionRules(server);
            changes.Add((files.Permissions!, file =>
            {
                var permissions = file.Object(file.Root, "permissions");
                file.AddToArray(permissions, "allow", allow);
                file.AddToArray(permissions, "ask", ask);
            }, new JsonObject { ["permissions"] = new JsonObject { ["allow"] = new JsonArray([.. allow.Select(r => (JsonNode?)r)]), ["ask"] = new JsonArray([.. ask.Select(r => (JsonNode?)r)]) } }));
        }

        if (!write)
        {
            foreach (var (file, _, shown) in changes)
            {
                await output.WriteLineAsync($"{file}:").ConfigureAwait(false);
                await output.WriteLineAsync(JsonConfigFile.Render(shown)).ConfigureAwait(false);
            }
            await error.WriteLineAsync(Note(client)).ConfigureAwait(false);
            await error.WriteLineAsync("Merge these into the files above, or run again with --write to have them merged (a backup of each file is written first).").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        // Every file is read and merged before the first is written: one that cannot be merged stops them all.
        var merged = new List<JsonConfigFile>();
        try
        {
            foreach (var (file, merge, _) in changes)
            {
                var config = JsonConfigFile.Open(file);
                merge(config);
                merged.Add(config);
            }
        }
        catch (InvalidDataException exception)
        {
            await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        var now = DateTimeOffset.UtcNow;
        foreach (var config in merged)
        {
            var backup = config.Save(now);
            await output.WriteLineAsync(backup is null ? $"Wrote {config.Path}." : $"Merged into {config.Path} (the file as it was: {backup}).").ConfigureAwait(false);
        }
        await error.WriteLineAsync(Note(client)).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>Where each client keeps its configuration; --path names the project directory (Claude Code, Cursor) or the file (Claude Desktop).</summary>
    private static (string Servers, string? Permissions) Files(McpClientKind client, string? path)
    {
        var directory = Path.GetFullPath(path ?? Directory.GetCurrentDirectory());
        return client switch
        {
            McpClientKind.ClaudeCode => (Path.Combine(directory, ".mcp.json"), Path.Combine(directory, ".claude", "settings.json")),
            McpClientKind.Cursor => (Path.Combine(directory, ".cursor", "mcp.json"), null),
            _ => (path is null ? DesktopConfig() : Path.GetFullPath(path), null),
        };
    }

    /// <summary>claude_desktop_config.json where Claude Desktop reads it.</summary>
    private static string DesktopConfig()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Application Support", "Claude", "claude_desktop_config.json");
        }
        return OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "Claude", "claude_desktop_config.json")
            : Path.Combine(home, ".config", "Claude", "claude_desktop_config.json");
    }

    /// <summary>This program, as a client starts it: the installed command, or dotnet with the built assembly.</summary>
    private static IReadOnlyList<string> LaunchCommand()
    {
        var process = Environment.ProcessPath ?? "proxmox-mcp";
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, typeof(ClientConfigCommand).Assembly.Location] : [process];
    }

    private static string Note(McpClientKind client) => client switch
    {
        McpClientKind.ClaudeCode => "Claude Code fills ${PROXMOX_TOKEN_VALUE} from its environment, asks once to approve a project's .mcp.json server, and then asks you before every tool that changes something.",
        McpClientKind.Cursor => "Cursor fills ${env:PROXMOX_TOKEN_VALUE} from its environment.",
        _ => "Claude Desktop fills in nothing: replace <PROXMOX_TOKEN_VALUE> with the token's secret, or replace the entry's env with PROXMOX_ENV_FILE naming a .env file that holds it.",
    };
}
