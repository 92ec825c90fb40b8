using System.Text.Json;
using System.Text.RegularExpressions;
using ProxmoxMcp.Cli;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests.Docs;

/// <summary>
/// One list of settings (<see cref="SettingCatalog"/>) and four places that show it: the code that reads
/// them, <c>.mcp/server.json</c> (generated from the list), <c>.env.example</c> and the README's settings
/// table. These tests keep all of them in agreement.
/// </summary>
public sealed partial class SettingsDocumentationTests
{
    private const string Refresh = "dotnet run --project src/ProxmoxMcp -- settings --server-json --write src/ProxmoxMcp/.mcp/server.json";

    /// <summary>Read by the code but not user settings: passed to a child process, or for developers only (README prose).</summary>
    private static readonly string[] NotSettings = ["PROXMOX_MCP_SSH_PASSWORD", "PROXMOX_MCP_TRACE_STARTUP", "PROXMOX_SANDBOX_TASK_SECONDS", "PROXMOX_SANDBOX_GUESTS"];

    private static string Root => TestEnvironment.RepositoryRoot;

    [GeneratedRegex(@"""(PROXMOX_[A-Z0-9_]+)""")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"^#?\s*(PROXMOX_[A-Z0-9_]+)=", RegexOptions.Multiline)]
    private static partial Regex EnvExampleName();

    [GeneratedRegex(@"`(PROXMOX_[A-Z0-9_]+)`")]
    private static partial Regex TickedName();

    [Fact]
    public void Every_setting_the_code_reads_is_in_the_catalog()
    {
        var read = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && Path.GetFileName(f) != "SettingCatalog.cs")
            .SelectMany(f => QuotedName().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        read.Except(NotSettings).Except(SettingCatalog.All.Select(s => s.Name)).ShouldBeEmpty("settings the code reads that SettingCatalog does not list");
        SettingCatalog.All.Select(s => s.Name).Except(read).ShouldBeEmpty("catalog settings nothing reads");
    }

    [Fact]
    public void The_committed_server_json_is_the_one_the_catalog_makes()
    {
        var committed = File.ReadAllText(Path.Combine(Root, "src", "ProxmoxMcp", ".mcp", "server.json"));

        committed.ShouldBe(ServerJson.Text(), $"src/ProxmoxMcp/.mcp/server.json is out of date; refresh it with: {Refresh}");
    }

    [Fact]
    public void Server_json_follows_the_registry_schema()
    {
        using var document = JsonDocument.Parse(ServerJson.Text());
        var server = document.RootElement;
        var project = File.ReadAllText(Path.Combine(Root, "src", "ProxmoxMcp", "ProxmoxMcp.csproj"));

        server.GetProperty("$schema").GetString().ShouldStartWith("https://static.modelcontextprotocol.io/schemas/");
        server.GetProperty("name").GetString()!.ShouldMatch("^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$");
        server.GetProperty("description").GetString()!.Length.ShouldBeInRange(1, 100);
        var version = Regex.Match(project, "<Version>([^<]+)</Version>").Groups[1].Value;
        server.GetProperty("version").GetString().ShouldBe(version);
        var package = server.GetProperty("packages").EnumerateArray().ShouldHaveSingleItem();
        package.EnumerateObject().Select(p => p.Name).ShouldBeSubsetOf(["registryType", "registryBaseUrl", "identifier", "version", "fileSha256", "runtimeHint", "transport", "runtimeArguments", "packageArguments", "environmentVariables"]);
        package.GetProperty("registryType").GetString().ShouldBe("nuget");
        package.GetProperty("identifier").GetString().ShouldBe(Regex.Match(project, "<PackageId>([^<]+)</PackageId>").Groups[1].Value);
        package.GetProperty("version").GetString().ShouldBe(version);
        package.GetProperty("runtimeHint").GetString().ShouldBe("dnx");
        package.GetProperty("transport").GetProperty("type").GetString().ShouldBe("stdio");
        foreach (var variable in package.GetProperty("environmentVariables").EnumerateArray())
        {
            var name = variable.GetProperty("name").GetString()!;
            variable.EnumerateObject().Select(p => p.Name).ShouldBeSubsetOf(["name", "description", "isRequired", "isSecret", "format", "default", "placeholder", "choices", "value", "variables"], name);
            variable.GetProperty("description").GetString().ShouldNotBeNullOrWhiteSpace(name);
            variable.GetProperty("isRequired").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
            variable.GetProperty("isSecret").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
            variable.GetProperty("format").GetString().ShouldBeOneOf("string", "number", "boolean", "filepath");
            if (variable.TryGetProperty("choices", out var choices) && variable.TryGetProperty("default", out var defaultValue))
            {
                choices.EnumerateArray().Select(c => c.GetString()).ShouldContain(defaultValue.GetString(), name);
            }
        }
        package.GetProperty("environmentVariables").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ShouldBe(SettingCatalog.All.Select(s => s.Name));
        // NuGet packages prove to the MCP registry whose they are by this line in the packed README.
        File.ReadAllText(Path.Combine(Root, "README.md")).ShouldContain($"<!-- mcp-name: {server.GetProperty("name").GetString()} -->");
    }

    [Fact]
    public void The_settings_that_hold_secrets_are_marked_secret()
    {
        var secrets = SettingCatalog.All.Where(s => Regex.IsMatch(s.Name, "PASSWORD|PASSPHRASE|TOKEN_VALUE|HTTP_TOKEN")).Select(s => s.Name);

        SettingCatalog.All.Where(s => s.Secret).Select(s => s.Name).ShouldBe(secrets, ignoreOrder: true);
    }

    [Fact]
    public void Env_example_names_every_setting_and_only_settings()
    {
        var text = File.ReadAllText(Path.Combine(Root, ".env.example"));
        var named = EnvExampleName().Matches(text).Select(m => m.Groups[1].Value).ToList();

        named.ShouldBeUnique();
        named.ShouldBe(SettingCatalog.All.Select(s => s.Name), ignoreOrder: true, ".env.example and SettingCatalog differ");
        foreach (var required in SettingCatalog.All.Where(s => s.Required))
        {
            text.ShouldContain($"\n{required.Name}=", customMessage: $"{required.Name} is required: .env.example sets it, uncommented");
        }
    }

    [Fact]
    public void The_README_settings_table_lists_every_setting_with_its_default()
    {
        var rows = SettingsTable();
        var listed = rows.SelectMany(r => r.Names).ToList();

        listed.ShouldBeUnique();
        listed.ShouldBe(SettingCatalog.All.Select(s => s.Name), ignoreOrder: true, "README's settings table and SettingCatalog differ");
        foreach (var (names, defaults) in rows)
        {
            var values = names.Count == 1 ? [defaults] : defaults.Split(", ");
            if (values.Length != names.Count)
            {
                continue;
            }
            foreach (var (name, shown) in names.Zip(values))
            {
                var setting = SettingCatalog.Find(name)!;
                var cell = shown.Replace("`", string.Empty, StringComparison.Ordinal).Trim();
                (cell == "(required)").ShouldBe(setting.Required, $"{name}: README says '{cell}'");
                if (setting.Default is not null)
                {
                    cell.ShouldBe(setting.Default, $"{name}: README's default differs from SettingCatalog's");
                }
            }
        }
    }

    /// <summary>The rows of README's "Configuration" table: the names in the first cell, the default cell.</summary>
    private static List<(List<string> Names, string Default)> SettingsTable()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var start = readme.IndexOf("| variable | default | meaning |", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, "README has the settings table");
        var rows = new List<(List<string>, string)>();
        foreach (var line in readme[start..].Split('\n').Skip(2))
        {
            if (!line.StartsWith('|'))
            {
                break;
            }
            var cells = line.Split('|');
            rows.Add((TickedName().Matches(cells[1]).Select(m => m.Groups[1].Value).ToList(), cells[2].Trim()));
        }
        return rows;
    }
}
