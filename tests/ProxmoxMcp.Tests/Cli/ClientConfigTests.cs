using System.Text.Json.Nodes;
using ProxmoxMcp.Cli;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Tests.Cli;

/// <summary>
/// `proxmox-mcp client-config`: the entry each client documents (mcpServers with command, args, env), the current
/// settings with secrets as placeholders, Claude Code's permission rules, and --write merging into files that
/// already hold other servers and rules without losing any of them.
/// </summary>
public sealed class ClientConfigTests : IDisposable
{
    private const string Secret = "9f1c2b4e-5555-4000-8000-123456789abc";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["PROXMOX_HOST"] = "pve.lan",
        ["PROXMOX_USER"] = "mcp@pve",
        ["PROXMOX_TOKEN_NAME"] = "agent",
        ["PROXMOX_TOKEN_VALUE"] = Secret,
        ["PROXMOX_CONFIRM"] = "tag:prod",
        ["PROXMOX_SNAPSHOT_BEFORE"] = "config",
        ["PROXMOX_SSH_PASSWORD"] = "hunter2-hunter2",
        ["HOME_UNRELATED"] = "x",
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("client-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineApp.RunAsync(args, output, error, Settings);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_password_login_gets_a_password_placeholder_and_a_profile_is_named_not_copied()
    {
        var password = new Dictionary<string, string>
        {
            ["PROXMOX_HOST"] = "pve.lan", ["PROXMOX_USER"] = "root@pam", ["PROXMOX_PASSWORD"] = "correct-horse-battery",
        };
        var entry = ProxmoxMcp.Cli.ClientConfig.ClientConfigBuilder.ServerEntry(ProxmoxMcp.Cli.ClientConfig.McpClientKind.ClaudeCode, password, ["proxmox-mcp"], sandbox: false);

        entry["env"]!["PROXMOX_PASSWORD"]!.GetValue<string>().ShouldBe("${PROXMOX_PASSWORD}");
        entry["env"]!.AsObject().ContainsKey("PROXMOX_TOKEN_VALUE").ShouldBeFalse();
        entry.ToJsonString().ShouldNotContain("correct-horse-battery");

        var file = Path.Combine(_directory, "profiles.env");
        File.WriteAllText(file, "[lab]\nPROXMOX_HOST=10.0.0.5\nPROXMOX_USER=root@pam\nPROXMOX_PASSWORD=lab-secret-value\n");
        var profile = ProxmoxMcp.Configuration.ResolvedSettings.Resolve(new Dictionary<string, string> { ["PROXMOX_PROFILES_FILE"] = file }, "lab");
        var named = ProxmoxMcp.Cli.ClientConfig.ClientConfigBuilder.ServerEntry(ProxmoxMcp.Cli.ClientConfig.McpClientKind.ClaudeCode, profile, ["proxmox-mcp"], sandbox: false);

        named["args"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["--profile", "lab", "serve"]);
        named["env"]!.AsObject().Select(p => p.Key).ShouldBe(["PROXMOX_PROFILES_FILE"]);
        named.ToJsonString().ShouldNotContain("lab-secret-value");
    }

    [Theory]
    [InlineData("claude-code", "${PROXMOX_TOKEN_VALUE}")]
    [InlineData("cursor", "${env:PROXMOX_TOKEN_VALUE}")]
    [InlineData("claude-desktop", "<PROXMOX_TOKEN_VALUE>")]
    public async Task The_entry_carries_the_current_settings_and_placeholders_for_secrets(string client, string placeholder)
    {
        var (code, output, error) = await RunAsync("client-config", client, "--path", Path.Combine(_directory, client == "claude-desktop" ? "desktop.json" : string.Empty));

        code.ShouldBe(ExitCodes.Ok, error);
        output.ShouldNotContain(Secret);
        output.ShouldNotContain("hunter2");
        var entry = Blocks(output)[0].Json["mcpServers"]!["proxmox"]!;
        entry["args"]!.AsArray().Last()!.GetValue<string>().ShouldBe("serve");
        Path.IsPathRooted(entry["command"]!.GetValue<string>()).ShouldBeTrue();
        var env = entry["env"]!.AsObject();
        env["PROXMOX_HOST"]!.GetValue<string>().ShouldBe("pve.lan");
        env["PROXMOX_CONFIRM"]!.GetValue<string>().ShouldBe("tag:prod");
        env["PROXMOX_SNAPSHOT_BEFORE"]!.GetValue<string>().ShouldBe("config");
        env["PROXMOX_TOKEN_VALUE"]!.GetValue<string>().ShouldBe(placeholder);
        env["PROXMOX_SSH_PASSWORD"]!.GetValue<string>().ShouldBe(placeholder.Replace("PROXMOX_TOKEN_VALUE", "PROXMOX_SSH_PASSWORD", StringComparison.Ordinal));
        env.ContainsKey("HOME_UNRELATED").ShouldBeFalse();
    }

    [Fact]
    public async Task Claude_code_gets_rules_that_allow_reads_and_ask_before_every_change()
    {
        var (_, output, _) = await RunAsync("client-config", "claude-code", "--path", _directory);

        var blocks = Blocks(output);
        blocks.Select(b => b.File).ShouldBe([Path.Combine(_directory, ".mcp.json"), Path.Combine(_directory, ".claude", "settings.json")]);
        var permissions = blocks[1].Json["permissions"]!;
        var allow = permissions["allow"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        var ask = permissions["ask"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        allow.ShouldContain("mcp__proxmox__list_nodes");
        allow.ShouldContain("mcp__proxmox__preview");
        ask.ShouldBe(ToolCatalog.All.Where(t => t.Tier != ToolTier.Read).Select(t => "mcp__proxmox__" + t.Definition.Name).Order(StringComparer.Ordinal), ignoreOrder: true);
        allow.Count.ShouldBe(ToolCatalog.All.Count(t => t.Tier == ToolTier.Read));
    }

    [Fact]
    public async Task Write_merges_into_files_that_hold_other_servers_and_rules_and_keeps_a_backup()
    {
        var mcpJson = Path.Combine(_directory, ".mcp.json");
        var settingsJson = Path.Combine(_directory, ".claude", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settingsJson)!);
        const string existingServers = """{"mcpServers":{"github":{"command":"npx","args":["-y","@modelcontextprotocol/server-github"],"env":{"GITHUB_TOKEN":"${GITHUB_TOKEN}"}}},"other":true}""";
        const string existingSettings = """{"model":"sonnet","permissions":{"allow":["Bash(git status)","mcp__proxmox__list_vms"],"deny":["Read(./.env)"],"defaultMode":"default"},"hooks":{"Stop":[]}}""";
        File.WriteAllText(mcpJson, existingServers);
        File.WriteAllText(settingsJson, existingSettings);

        var (code, output, error) = await RunAsync("client-config", "claude-code", "--write", "--path", _directory);
        var again = await RunAsync("client-config", "claude-code", "--write", "--path", _directory);

        code.ShouldBe(ExitCodes.Ok, error);
        again.Code.ShouldBe(ExitCodes.Ok, again.Error);
        output.ShouldContain($"Merged into {mcpJson}");
        var servers = JsonNode.Parse(File.ReadAllText(mcpJson))!;
        servers["other"]!.GetValue<bool>().ShouldBeTrue();
        servers["mcpServers"]!["github"]!["env"]!["GITHUB_TOKEN"]!.GetValue<string>().ShouldBe("${GITHUB_TOKEN}");
        servers["mcpServers"]!["proxmox"]!["env"]!["PROXMOX_TOKEN_VALUE"]!.GetValue<string>().ShouldBe("${PROXMOX_TOKEN_VALUE}");
        var settings = JsonNode.Parse(File.ReadAllText(settingsJson))!;
        settings["model"]!.GetValue<string>().ShouldBe("sonnet");
        settings["hooks"].ShouldNotBeNull();
        settings["permissions"]!["defaultMode"]!.GetValue<string>().ShouldBe("default");
        settings["permissions"]!["deny"]!.AsArray().Single()!.GetValue<string>().ShouldBe("Read(./.env)");
        var allow = settings["permissions"]!["allow"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        allow.Take(2).ShouldBe(["Bash(git status)", "mcp__proxmox__list_vms"]);
        allow.Count(r => r == "mcp__proxmox__list_vms").ShouldBe(1, "a second run adds nothing twice");
        settings["permissions"]!["ask"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldContain("mcp__proxmox__stop_vm");
        settings["permissions"]!["ask"]!.AsArray().Count.ShouldBe(ToolCatalog.All.Count(t => t.Tier != ToolTier.Read));
        // The files as they were before the first run are kept beside them.
        Directory.GetFiles(_directory, ".mcp.json.*.bak").Select(File.ReadAllText).ShouldContain(existingServers);
        Directory.GetFiles(Path.GetDirectoryName(settingsJson)!, "settings.json.*.bak").Select(File.ReadAllText).ShouldContain(existingSettings);
        File.ReadAllText(mcpJson).ShouldNotContain(Secret);
    }

    [Theory]
    [InlineData("cursor")]
    [InlineData("claude-desktop")]
    public async Task Write_creates_or_merges_the_client_file(string client)
    {
        var file = client == "cursor" ? Path.Combine(_directory, ".cursor", "mcp.json") : Path.Combine(_directory, "claude_desktop_config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, """{"mcpServers":{"filesystem":{"command":"npx","args":["@modelcontextprotocol/server-filesystem","/tmp"]}},"globalShortcut":"Ctrl+Space"}""");

        var (code, _, error) = await RunAsync("client-config", client, "--write", "--path", client == "cursor" ? _directory : file);

        code.ShouldBe(ExitCodes.Ok, error);
        var merged = JsonNode.Parse(File.ReadAllText(file))!;
        merged["mcpServers"]!.AsObject().Select(p => p.Key).ShouldBe(["filesystem", "proxmox"]);
        merged["globalShortcut"]!.GetValue<string>().ShouldBe("Ctrl+Space");
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_left_alone()
    {
        var mcpJson = Path.Combine(_directory, ".mcp.json");
        File.WriteAllText(mcpJson, "{ \"mcpServers\": { oops");

        var (code, _, error) = await RunAsync("client-config", "claude-code", "--write", "--path", _directory);

        code.ShouldBe(ExitCodes.Failed);
        error.ShouldContain("is not valid JSON");
        File.ReadAllText(mcpJson).ShouldBe("{ \"mcpServers\": { oops");
        File.Exists(Path.Combine(_directory, ".claude", "settings.json")).ShouldBeFalse("nothing is written when one file cannot be merged");
    }

    [Fact]
    public async Task The_backup_and_the_merged_file_keep_a_private_files_permissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var file = Path.Combine(_directory, "claude_desktop_config.json");
        File.WriteAllText(file, """{"mcpServers":{"db":{"command":"db-mcp","env":{"DB_PASSWORD":"s3cret"}}}}""");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (code, _, error) = await RunAsync("client-config", "claude-desktop", "--write", "--path", file);

        code.ShouldBe(ExitCodes.Ok, error);
        File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Directory.GetFiles(_directory, "claude_desktop_config.json.*.bak").Single()).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Theory]
    [InlineData("vscode")]
    public async Task An_unknown_client_is_a_usage_error(string client)
    {
        var (code, _, error) = await RunAsync("client-config", client);

        code.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("claude-code");
    }

    /// <summary>The printed blocks: "FILE:" then the JSON to merge into it.</summary>
    private static List<(string File, JsonNode Json)> Blocks(string output)
    {
        var blocks = new List<(string, JsonNode)>();
        var lines = output.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].EndsWith(':') && !lines[i].StartsWith(' '))
            {
                var end = Array.FindIndex(lines, i + 1, l => l == "}");
                blocks.Add((lines[i][..^1], JsonNode.Parse(string.Join('\n', lines[(i + 1)..(end + 1)]))!));
                i = end;
            }
        }
        return blocks;
    }
}
