using System.Text.Json;
using System.Text.RegularExpressions;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests.Docs;

/// <summary>
/// The Claude Code plugin in the repository, checked against Claude Code's plugin and skill formats: the
/// marketplace (.claude-plugin/marketplace.json) lists the plugin in plugin/; its manifest
/// (plugin/.claude-plugin/plugin.json), its MCP server entry (plugin/.mcp.json: this version of the
/// package, run with dnx) and its skills (plugin/skills/NAME/SKILL.md with name and description front
/// matter), and every tool or parameter a skill names exists in the registry.
/// </summary>
public sealed partial class ClaudePluginTests
{
    private static readonly string Root = TestEnvironment.RepositoryRoot;

    /// <summary>Commands a skill may name in backquotes besides tools and parameters.</summary>
    private static readonly string[] Commands = ["pveum", "qm", "pct"];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex("`([a-z][a-z0-9_]*)`")]
    private static partial Regex TickedIdentifier();

    private static string Version => Regex.Match(File.ReadAllText(Path.Combine(Root, "src", "ProxmoxMcp", "ProxmoxMcp.csproj")), "<Version>([^<]+)</Version>").Groups[1].Value;

    [Fact]
    public void The_marketplace_lists_the_plugin_folder()
    {
        using var marketplace = Json(".claude-plugin", "marketplace.json");
        var root = marketplace.RootElement;

        root.GetProperty("name").GetString()!.ShouldMatch(KebabCase().ToString());
        root.GetProperty("owner").GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
        var plugin = root.GetProperty("plugins").EnumerateArray().ShouldHaveSingleItem();
        var source = plugin.GetProperty("source").GetString()!;
        source.ShouldStartWith("./");
        using var manifest = Json(source[2..], ".claude-plugin", "plugin.json");
        plugin.GetProperty("name").GetString().ShouldBe(manifest.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public void The_manifest_names_the_plugin_at_this_version()
    {
        using var manifest = Json("plugin", ".claude-plugin", "plugin.json");
        var root = manifest.RootElement;

        root.EnumerateObject().Select(p => p.Name).ShouldBeSubsetOf(["name", "version", "description", "author", "homepage", "repository", "license", "keywords",
            "commands", "agents", "skills", "hooks", "mcpServers", "outputStyles", "lspServers"]);
        root.GetProperty("name").GetString()!.ShouldMatch(KebabCase().ToString());
        root.GetProperty("version").GetString().ShouldBe(Version);
        root.GetProperty("description").GetString().ShouldNotBeNullOrWhiteSpace();
        root.GetProperty("author").GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
        // Components live at the plugin's root, never inside .claude-plugin/.
        Directory.EnumerateFileSystemEntries(Path.Combine(Root, "plugin", ".claude-plugin")).Select(Path.GetFileName).ShouldBe(["plugin.json"]);
    }

    [Fact]
    public void The_MCP_server_entry_runs_this_version_of_the_package_with_dnx()
    {
        using var servers = Json("plugin", ".mcp.json");
        var server = servers.RootElement.GetProperty("mcpServers").EnumerateObject().ShouldHaveSingleItem();

        server.Name.ShouldBe("proxmox");
        server.Value.GetProperty("command").GetString().ShouldBe("dnx");
        var args = server.Value.GetProperty("args").EnumerateArray().Select(a => a.GetString()).ToList();
        args[0].ShouldBe($"ProxmoxMcp@{Version}");
        args.ShouldContain("--yes", "dnx must not stop to ask: an MCP client has no one to answer");
        // Settings come from the environment Claude Code runs in, or from a profile: nothing secret is written here.
        server.Value.TryGetProperty("env", out _).ShouldBeFalse();
    }

    [Fact]
    public void Each_skill_has_front_matter_Claude_Code_reads()
    {
        var skills = Directory.GetDirectories(Path.Combine(Root, "plugin", "skills"));
        skills.ShouldNotBeEmpty();

        foreach (var skill in skills)
        {
            var (frontMatter, _) = Read(Path.Combine(skill, "SKILL.md"));
            var name = frontMatter.GetValueOrDefault("name");
            name.ShouldBe(Path.GetFileName(skill), "a skill's name is its folder's");
            name!.Length.ShouldBeLessThanOrEqualTo(64);
            name.ShouldMatch(KebabCase().ToString());
            var description = frontMatter.GetValueOrDefault("description");
            description.ShouldNotBeNullOrWhiteSpace();
            description!.Length.ShouldBeLessThanOrEqualTo(1024);
            description.ShouldContain("Use when", Case.Sensitive, "the description tells Claude when to use the skill");
        }
    }

    [Fact]
    public void Every_tool_and_parameter_the_skill_names_exists_and_it_teaches_the_safe_workflows()
    {
        var (_, body) = Read(Path.Combine(Root, "plugin", "skills", "proxmox-operations", "SKILL.md"));
        var tools = ToolCatalog.All.Select(t => t.Definition.Name).ToHashSet(StringComparer.Ordinal);
        var parameters = ToolCatalog.All
            .SelectMany(t => t.ProtocolTool.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name))
            .ToHashSet(StringComparer.Ordinal);

        var named = TickedIdentifier().Matches(body).Select(m => m.Groups[1].Value).Distinct().ToList();

        named.Where(n => !tools.Contains(n) && !parameters.Contains(n) && !Commands.Contains(n)).ShouldBeEmpty("names in the skill that are no tool or parameter");
        named.ShouldContain("allocate_vmid");
        named.ShouldContain("exec_in_container");
        named.ShouldContain("cluster_health");
        body.ShouldContain("## When the server refuses");
    }

    private static JsonDocument Json(params string[] path) => JsonDocument.Parse(File.ReadAllText(Path.Combine([Root, .. path])));

    /// <summary>The YAML front matter's top-level "key: value" lines, and the Markdown after it.</summary>
    private static (Dictionary<string, string> FrontMatter, string Body) Read(string file)
    {
        var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
        text.ShouldStartWith("---\n", customMessage: $"{file} starts with front matter");
        var end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        end.ShouldBeGreaterThan(0, $"{file}'s front matter ends with ---");
        var frontMatter = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text[4..end].Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !char.IsWhiteSpace(line[0]))
            {
                frontMatter[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }
        return (frontMatter, text[(end + 5)..]);
    }
}
