using System.Text.Json.Nodes;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Cli.ClientConfig;

/// <summary>
/// The server's entry for an MCP client's configuration, from the current settings, and for Claude Code the
/// permission rules that let the client itself ask before every tool that changes something. Formats as each
/// client documents them: an <c>mcpServers</c> object of <c>command</c>, <c>args</c> and <c>env</c> (Claude Code's
/// .mcp.json, Claude Desktop's claude_desktop_config.json, Cursor's mcp.json); Claude Code's rules are
/// <c>mcp__SERVER__TOOL</c> strings in <c>permissions.allow</c> and <c>permissions.ask</c> of .claude/settings.json.
/// </summary>
public static class ClientConfigBuilder
{
    public const string DefaultServerName = "proxmox";

    /// <summary>The settings a stdio server reads, copied into the entry when set (HTTP-only and internal ones left out).</summary>
    private static readonly string[] Settings =
    [
        "PROXMOX_ENV_FILE", "PROXMOX_HOST", "PROXMOX_PORT", "PROXMOX_USER", "PROXMOX_TOKEN_NAME", "PROXMOX_TOKEN_VALUE", "PROXMOX_PASSWORD", "PROXMOX_VERIFY_SSL", "PROXMOX_TLS_FINGERPRINT",
        "PROXMOX_TIMEOUT", "PROXMOX_LOG_LEVEL", "PROXMOX_MCP_REGISTRY_PIN", "PROXMOX_MCP_TAG", "PROXMOX_WRITE_SCOPE", "PROXMOX_TIERS", "PROXMOX_CONFIRM",
        "PROXMOX_CONFIRM_TIMEOUT", "PROXMOX_TIME_BUDGETS", "PROXMOX_SNAPSHOT_BEFORE", "PROXMOX_SNAPSHOT_KEEP", "PROXMOX_MCP_AUDIT_LOG", "PROXMOX_MCP_AUDIT_MAX_MB",
        "PROXMOX_MCP_AUDIT_KEEP", "PROXMOX_ENABLE_EXEC", "PROXMOX_EXEC_VIA", "PROXMOX_EXEC_ALLOW", "PROXMOX_SSH_HOST", "PROXMOX_SSH_HOSTS", "PROXMOX_SSH_PORT",
        "PROXMOX_SSH_USER", "PROXMOX_SSH_CLIENT", "PROXMOX_SSH_COMMAND", "PROXMOX_SSH_KEY_FILE", "PROXMOX_SSH_KEY_PASSPHRASE", "PROXMOX_SSH_PASSWORD",
        "PROXMOX_SSH_KNOWN_HOSTS", "PROXMOX_SSH_HOST_KEY_FINGERPRINT", "PROXMOX_SANDBOX_GUESTS", "PROXMOX_SANDBOX_TASK_SECONDS",
    ];

    /// <summary>Never written: each becomes a placeholder the client fills in from its environment (or the user by hand).</summary>
    public static readonly IReadOnlySet<string> Secrets = new HashSet<string>(StringComparer.Ordinal)
    {
        "PROXMOX_TOKEN_VALUE", "PROXMOX_PASSWORD", "PROXMOX_SSH_PASSWORD", "PROXMOX_SSH_KEY_PASSPHRASE",
    };

    /// <summary>File paths, made absolute: the client starts the server in a working directory of its own.</summary>
    private static readonly string[] Paths = ["PROXMOX_ENV_FILE", "PROXMOX_SSH_KEY_FILE", "PROXMOX_SSH_KNOWN_HOSTS", "PROXMOX_MCP_AUDIT_LOG"];

    /// <summary>How a client spells a value taken from its environment: Claude Code expands ${NAME}, Cursor ${env:NAME}; Claude Desktop expands nothing.</summary>
    public static string Placeholder(McpClientKind client, string name) => client switch
    {
        McpClientKind.ClaudeCode => "${" + name + "}",
        McpClientKind.Cursor => "${env:" + name + "}",
        _ => $"<{name}>",
    };

    /// <summary>The server's entry: the command that starts it, and its settings with secrets as placeholders.</summary>
    /// <param name="client">The client it is for.</param>
    /// <param name="settings">The current settings (environment and .env).</param>
    /// <param name="command">The program and arguments that start this server.</param>
    /// <param name="sandbox">Start it against the built-in sandbox.</param>
    public static JsonObject ServerEntry(McpClientKind client, IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> command, bool sandbox)
    {
        var env = new JsonObject();
        // With a profile the entry names the profile: its file holds that cluster's settings, secrets included.
        if (settings is Configuration.ResolvedSettings { Profile: { } profile } resolved)
        {
            if (resolved.ProfilesFile is { } file)
            {
                env["PROXMOX_PROFILES_FILE"] = Path.GetFullPath(file);
            }
            return Entry(command, sandbox ? ["--sandbox", "--profile", profile, "serve"] : ["--profile", profile, "serve"], env);
        }
        var login = settings.TryGetValue("PROXMOX_PASSWORD", out var password) && !string.IsNullOrWhiteSpace(password) ? "PROXMOX_PASSWORD" : "PROXMOX_TOKEN_VALUE";
        foreach (var name in Settings)
        {
            var value = settings.TryGetValue(name, out var set) && !string.IsNullOrWhiteSpace(set) ? set.Trim() : null;
            if (Secrets.Contains(name))
            {
                if (value is not null || (name == login && !sandbox))
                {
                    env[name] = Placeholder(client, name);
                }
            }
            else if (value is not null)
            {
                env[name] = Paths.Contains(name) && !value.StartsWith('~') && !value.Equals("off", StringComparison.OrdinalIgnoreCase) && !Path.IsPathRooted(value)
                    ? Path.GetFullPath(value)
                    : value;
            }
        }
        return Entry(command, sandbox ? ["--sandbox", "serve"] : ["serve"], env);
    }

    private static JsonObject Entry(IReadOnlyList<string> command, IEnumerable<string> arguments, JsonObject env)
    {
        var entry = new JsonObject
        {
            ["command"] = command[0],
            ["args"] = new JsonArray([.. command.Skip(1).Concat(arguments).Select(a => (JsonNode?)a)]),
        };
        if (env.Count > 0)
        {
            entry["env"] = env;
        }
        return entry;
    }

    /// <summary>
    /// Claude Code's rules for this server: every read tool allowed, every tool that changes something (tiers B to
    /// D') asked about each time, by the client itself and whatever the model says. Every tool of the registry is
    /// named, so a tier switched on later is covered too.
    /// </summary>
    public static (IReadOnlyList<string> Allow, IReadOnlyList<string> Ask) PermissionRules(string server)
    {
        var tools = ToolCatalog.All.OrderBy(t => t.Definition.Name, StringComparer.Ordinal).ToList();
        return (tools.Where(t => t.Tier == ToolTier.Read).Select(t => Rule(server, t.Definition.Name)).ToList(),
            tools.Where(t => t.Tier != ToolTier.Read).Select(t => Rule(server, t.Definition.Name)).ToList());
    }

    public static string Rule(string server, string tool) => $"mcp__{server}__{tool}";
}
