using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Sandbox;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// Look before you leap, from a real MCP client over stdio against the built program: preview shows the diff and
/// sends only reads, its digest makes the real change apply only if nothing moved, the safety snapshot's task ends
/// before the change goes out, the prompts are listed and fetched, and client-config --write loses nothing.
/// </summary>
public sealed class PreviewOverStdioTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;

    public async ValueTask InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions { TaskDuration = TimeSpan.FromMilliseconds(200) }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _sandbox.DisposeAsync();

    private async Task<McpClient> StartAsync(Dictionary<string, string>? extra = null)
    {
        var token = _sandbox.Tokens.Full;
        var environment = BuiltProgram.ClusterEnvironment(_sandbox.Host, _sandbox.Port, token.User, token.TokenName, token.Secret, _sandbox.CertificateFingerprint);
        environment["PROXMOX_MCP_AUDIT_LOG"] = "off";
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }
        return await McpClient.CreateAsync(BuiltProgram.Stdio(["serve"], environment), cancellationToken: TestContext.Current.CancellationToken);
    }

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    [Fact]
    public async Task Preview_shows_the_diff_sends_only_reads_and_its_digest_guards_the_real_call()
    {
        await using var client = await StartAsync();
        var change = new Dictionary<string, object?> { ["vmid"] = 101, ["options"] = new Dictionary<string, object> { ["memory"] = 6144 } };

        var before = _sandbox.Requests.Snapshot().Count;
        var preview = await client.CallToolAsync("preview", new Dictionary<string, object?> { ["tool"] = "set_vm_config", ["arguments"] = change }, cancellationToken: TestContext.Current.CancellationToken);
        _sandbox.Requests.Snapshot().Skip(before).ShouldAllBe(r => r.Method == "GET");
        Text(preview).ShouldContain("memory: 4096 -> 6144");
        var digest = preview.StructuredContent!.Value.GetProperty("config").GetProperty("digest").GetString()!;

        var applied = await client.CallToolAsync("set_vm_config", new Dictionary<string, object?>(change) { ["digest"] = digest }, cancellationToken: TestContext.Current.CancellationToken);
        applied.IsError.ShouldNotBe(true, Text(applied));
        _sandbox.Cluster.Guests[101].Config["memory"].ShouldBe("6144");

        var next = new Dictionary<string, object?> { ["vmid"] = 101, ["options"] = new Dictionary<string, object> { ["cores"] = 4 } };
        var second = await client.CallToolAsync("preview", new Dictionary<string, object?> { ["tool"] = "set_vm_config", ["arguments"] = next }, cancellationToken: TestContext.Current.CancellationToken);
        var secondDigest = second.StructuredContent!.Value.GetProperty("config").GetProperty("digest").GetString()!;
        lock (_sandbox.Cluster.Sync)
        {
            // Someone changes the guest between the preview and the real call.
            _sandbox.Cluster.Guests[101].Config["description"] = "edited in the Proxmox UI";
        }
        var sentBefore = _sandbox.Requests.Snapshot().Count(r => r.Method != "GET");
        var refused = await client.CallToolAsync("set_vm_config", new Dictionary<string, object?>(next) { ["digest"] = secondDigest }, cancellationToken: TestContext.Current.CancellationToken);

        refused.IsError.ShouldBe(true);
        Text(refused).ShouldContain("changed since the digest you passed was read");
        _sandbox.Requests.Snapshot().Count(r => r.Method != "GET").ShouldBe(sentBefore);
        _sandbox.Cluster.Guests[101].Config["cores"].ShouldBe("2");
    }

    [Fact]
    public async Task With_snapshot_before_config_the_snapshot_task_ends_before_the_configuration_request()
    {
        await using var client = await StartAsync(new() { ["PROXMOX_SNAPSHOT_BEFORE"] = "config" });

        var result = await client.CallToolAsync("set_vm_config", new Dictionary<string, object?> { ["vmid"] = 100, ["options"] = new Dictionary<string, object> { ["cores"] = 6 } }, cancellationToken: TestContext.Current.CancellationToken);

        result.IsError.ShouldNotBe(true, Text(result));
        var log = _sandbox.Requests.Snapshot().ToList();
        var snapshot = log.FindIndex(r => r.Method == "POST" && r.Path == "/nodes/pve1/qemu/100/snapshot");
        var config = log.FindIndex(r => r.Method == "PUT" && r.Path == "/nodes/pve1/qemu/100/config");
        snapshot.ShouldBeGreaterThanOrEqualTo(0);
        config.ShouldBeGreaterThan(snapshot);
        var task = _sandbox.Cluster.Tasks.Single(t => t.Type == "qmsnapshot" && t.Id == "100");
        task.ExitStatus.ShouldBe("OK");
        task.Ended!.Value.ShouldBeLessThan(log[config].Time);
        log.Skip(snapshot).Take(config - snapshot).ShouldContain(r => r.Path.EndsWith("/status", StringComparison.Ordinal) && r.Path.Contains("qmsnapshot", StringComparison.Ordinal));
        Text(result).ShouldContain("qm rollback 100 mcp_set_vm_config_");
    }

    [Fact]
    public async Task The_prompts_are_listed_and_fetched_and_their_arguments_completed()
    {
        await using var client = await StartAsync();

        var prompts = await client.ListPromptsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var fetched = await client.GetPromptAsync("guest_wont_start", new Dictionary<string, object?> { ["vmid"] = "102" }, cancellationToken: TestContext.Current.CancellationToken);
        var completed = await client.CompleteAsync(new PromptReference { Name = "prepare_node_maintenance" }, "node", "pve", cancellationToken: TestContext.Current.CancellationToken);

        prompts.Select(p => p.Name).Order().ShouldBe(["cluster_health", "deploy_container_app", "guest_wont_start", "prepare_node_maintenance"]);
        ((TextContentBlock)fetched.Messages.Single().Content).Text.ShouldContain("why guest 102 does not start");
        completed.Completion.Values.ShouldBe(["pve1", "pve2"]);
    }

    [Fact]
    public async Task Client_config_for_claude_code_merges_into_existing_files_without_loss()
    {
        var project = Directory.CreateTempSubdirectory("proxmox-mcp-client-").FullName;
        File.WriteAllText(Path.Combine(project, ".mcp.json"), """{"mcpServers":{"github":{"command":"npx","args":["-y","@modelcontextprotocol/server-github"]}}}""");
        Directory.CreateDirectory(Path.Combine(project, ".claude"));
        File.WriteAllText(Path.Combine(project, ".claude", "settings.json"), """{"permissions":{"allow":["Bash(npm test)"],"deny":["Read(./.env)"]},"model":"opus"}""");
        var token = _sandbox.Tokens.Full;
        var environment = BuiltProgram.ClusterEnvironment(_sandbox.Host, _sandbox.Port, token.User, token.TokenName, token.Secret, _sandbox.CertificateFingerprint);

        var (code, output, error) = await BuiltProgram.RunAsync(environment, "client-config", "claude-code", "--write", "--path", project);

        code.ShouldBe(0, error);
        output.ShouldNotContain(token.Secret);
        var servers = JsonNode.Parse(File.ReadAllText(Path.Combine(project, ".mcp.json")))!["mcpServers"]!.AsObject();
        servers.Select(s => s.Key).ShouldBe(["github", "proxmox"]);
        servers["proxmox"]!["env"]!["PROXMOX_TOKEN_VALUE"]!.GetValue<string>().ShouldBe("${PROXMOX_TOKEN_VALUE}");
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(project, ".claude", "settings.json")))!;
        settings["model"]!.GetValue<string>().ShouldBe("opus");
        settings["permissions"]!["deny"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["Read(./.env)"]);
        settings["permissions"]!["allow"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldContain("Bash(npm test)");
        settings["permissions"]!["ask"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldContain("mcp__proxmox__set_vm_config");
        File.ReadAllText(Path.Combine(project, ".mcp.json")).ShouldNotContain(token.Secret);
        Directory.GetFiles(project, ".mcp.json.*.bak").ShouldHaveSingleItem();
        Directory.Delete(project, recursive: true);
    }
}
