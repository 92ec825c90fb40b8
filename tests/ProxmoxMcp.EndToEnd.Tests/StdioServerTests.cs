using ModelContextProtocol.Client;
using ProxmoxMcp.Sandbox;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// The built program as a child process, driven by the SDK's McpClient over real stdio, talking to a
/// sandbox cluster over real loopback HTTPS with the certificate pinned, as a user would configure it.
/// </summary>
public sealed class StdioServerTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;

    public async ValueTask InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions(), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Initialize_list_and_call_list_nodes_over_stdio()
    {
        var token = _sandbox.Tokens.LeastPrivilege;
        var stderr = new List<string>();
        var transport = BuiltProgram.Stdio(["serve"], BuiltProgram.ClusterEnvironment(_sandbox.Host, _sandbox.Port, token.User, token.TokenName, token.Secret, _sandbox.CertificateFingerprint), stderr);

        await using var client = await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken);

        client.ServerInfo!.Name.ShouldBe("proxmox-mcp");
        var tools = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        tools.Select(t => t.Name).ShouldContain("list_nodes");
        var result = await client.CallToolAsync("list_nodes", cancellationToken: TestContext.Current.CancellationToken);
        result.IsError.ShouldNotBe(true);
        result.StructuredContent!.Value.GetProperty("nodes").GetArrayLength().ShouldBe(3);
        _sandbox.Requests.Snapshot().ShouldContain(r => r.Path == "/nodes" && r.TokenId == "mcp@pve!agent" && r.Status == 200);
    }

    [Fact]
    public async Task With_confirm_tag_prod_stop_vm_waits_for_the_persons_yes_and_the_audit_file_verifies()
    {
        var token = _sandbox.Tokens.Full;
        var audit = Path.Combine(Directory.CreateTempSubdirectory("proxmox-mcp-e2e-").FullName, "audit.jsonl");
        var environment = BuiltProgram.ClusterEnvironment(_sandbox.Host, _sandbox.Port, token.User, token.TokenName, token.Secret, _sandbox.CertificateFingerprint);
        environment["PROXMOX_CONFIRM"] = "tag:prod";
        environment["PROXMOX_MCP_AUDIT_LOG"] = audit;
        var answer = "decline";
        var asked = new List<string>();
        var options = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (request, _) =>
                {
                    lock (asked)
                    {
                        asked.Add(request!.Message);
                    }
                    return ValueTask.FromResult(answer == "accept"
                        ? new ModelContextProtocol.Protocol.ElicitResult { Action = "accept", Content = new Dictionary<string, System.Text.Json.JsonElement> { ["confirm"] = System.Text.Json.JsonSerializer.SerializeToElement(true) } }
                        : new ModelContextProtocol.Protocol.ElicitResult { Action = answer });
                },
            },
        };
        var transport = BuiltProgram.Stdio(["serve"], environment);
        bool StopSent() => _sandbox.Requests.Snapshot().Any(r => r.Method == "POST" && r.Path == "/nodes/pve1/qemu/100/status/stop");

        await using (var client = await McpClient.CreateAsync(transport, options, cancellationToken: TestContext.Current.CancellationToken))
        {
            var arguments = new Dictionary<string, object?> { ["vmid"] = 100 };
            var declined = await client.CallToolAsync("stop_vm", arguments, cancellationToken: TestContext.Current.CancellationToken);
            declined.IsError.ShouldBe(true);
            StopSent().ShouldBeFalse();

            answer = "accept";
            var confirmed = await client.CallToolAsync("stop_vm", arguments, cancellationToken: TestContext.Current.CancellationToken);
            confirmed.IsError.ShouldNotBe(true);
            StopSent().ShouldBeTrue();
        }

        asked.Count.ShouldBe(2);
        asked[0].ShouldContain("VM 100 \"docker\"");
        var (code, output, _) = await BuiltProgram.RunAsync(new Dictionary<string, string>(), "audit", "verify", audit);
        code.ShouldBe(0, output);
        output.ShouldContain("ok: 2 line(s)");
        var lines = File.ReadAllLines(audit);
        lines[0].ShouldContain("\"confirmation\":\"declined\"");
        lines[1].ShouldContain("\"confirmation\":\"confirmed\"");
    }

    [Fact]
    public async Task Serve_warms_up_beside_its_start_and_the_warm_up_completes()
    {
        var stderr = new List<string>();
        var transport = BuiltProgram.Stdio(["--sandbox"], new Dictionary<string, string> { ["PROXMOX_MCP_TRACE_STARTUP"] = "1" }, stderr);

        await using var client = await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken);
        var tools = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var result = await client.CallToolAsync("list_nodes", cancellationToken: TestContext.Current.CancellationToken);
        for (var waited = 0; waited < 100 && !Snapshot().Any(l => l.Contains("warm-up done", StringComparison.Ordinal) || l.Contains("warm-up failed", StringComparison.Ordinal)); waited++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        tools.Count.ShouldBeGreaterThan(30);
        result.IsError.ShouldNotBe(true);
        var trace = Snapshot();
        trace.ShouldContain(l => l.EndsWith("warm-up: registry built", StringComparison.Ordinal));
        trace.ShouldContain(l => l.EndsWith("warm-up done", StringComparison.Ordinal), string.Join("\n", trace));
        trace.ShouldNotContain(l => l.Contains("warm-up failed", StringComparison.Ordinal));

        List<string> Snapshot()
        {
            lock (stderr)
            {
                return [.. stderr];
            }
        }
    }

    [Fact]
    public async Task On_one_core_serve_starts_without_the_warm_up()
    {
        var stderr = new List<string>();
        // With DOTNET_PROCESSOR_COUNT=1 the runtime reports one processor, as on a single-core machine.
        var transport = BuiltProgram.Stdio(["--sandbox"], new Dictionary<string, string> { ["PROXMOX_MCP_TRACE_STARTUP"] = "1", ["DOTNET_PROCESSOR_COUNT"] = "1" }, stderr);

        await using (var client = await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken))
        {
            (await client.CallToolAsync("list_nodes", cancellationToken: TestContext.Current.CancellationToken)).IsError.ShouldNotBe(true);
        }

        lock (stderr)
        {
            stderr.ShouldContain(l => l.EndsWith("stdio server created", StringComparison.Ordinal));
            stderr.ShouldNotContain(l => l.Contains("warm-up", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_sandbox_flag_serves_the_built_in_cluster()
    {
        var transport = BuiltProgram.Stdio(["--sandbox"]);

        await using var client = await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken);
        var result = await client.CallToolAsync("list_nodes", cancellationToken: TestContext.Current.CancellationToken);

        result.IsError.ShouldNotBe(true);
        result.StructuredContent!.Value.GetProperty("offline")[0].GetString().ShouldBe("pve3");
    }

    [Fact]
    public async Task A_configuration_error_exits_2_with_the_message_on_stderr_and_nothing_on_stdout()
    {
        var (code, output, error) = await BuiltProgram.RunAsync(new Dictionary<string, string> { ["PROXMOX_HOST"] = "pve.lan", ["PROXMOX_ENV_FILE"] = "/dev/null" }, "serve");

        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldContain("PROXMOX_USER is missing");
        error.ShouldNotContain("PROXMOX_HOST is missing");
    }

    [Fact]
    public async Task Checksum_is_printed_on_stdout_and_matches_the_lock()
    {
        var (code, output, _) = await BuiltProgram.RunAsync(new Dictionary<string, string>(), "tools", "--checksum");

        code.ShouldBe(0);
        using var printed = System.Text.Json.JsonDocument.Parse(output);
        using var lockFile = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(ProxmoxMcp.TestSupport.TestEnvironment.RepositoryRoot, "tools.lock.json")));
        printed.RootElement.GetProperty("checksum").GetString().ShouldBe(lockFile.RootElement.GetProperty("checksum").GetString());
    }
}
