using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ProxmoxMcp.Audit;
using ProxmoxMcp.Cli;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Tests.Audit;

/// <summary>
/// The audit record of every tool call: written by the real server for real calls, sealed in a chain
/// that `audit verify` checks, and each kind of tampering caught at the line where it happened.
/// </summary>
public sealed class AuditChainTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("proxmox-mcp-audit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string AuditPath => Path.Combine(_directory, "audit.jsonl");

    [Fact]
    public async Task Every_call_gets_a_line_with_who_what_decisions_tasks_and_outcome()
    {
        await using (var harness = await ServerHarness.StartAsync(o => o with { AuditLogPath = AuditPath }))
        {
            (await harness.CallAsync("list_nodes")).IsError.ShouldNotBe(true);
            (await harness.CallAsync("start_vm", new { vmid = 102 })).IsError.ShouldNotBe(true);
            (await harness.CallAsync("vm_status", new { vmid = 4242 })).IsError.ShouldBe(true);
            await harness.Services.GetRequiredService<AuditLog>().FlushAsync(TestContext.Current.CancellationToken);
        }

        var lines = File.ReadAllLines(AuditPath).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        lines.Select(l => l["tool"]!.GetValue<string>()).ShouldBe(["list_nodes", "start_vm", "vm_status"]);
        lines.Select(l => l["seq"]!.GetValue<long>()).ShouldBe([1L, 2L, 3L]);
        var start = lines[1];
        start["tier"]!.GetValue<string>().ShouldBe("power");
        start["arguments"]!["vmid"]!.GetValue<int>().ShouldBe(102);
        start["confirmation"]!.GetValue<string>().ShouldBe("not_required");
        start["safety"]!.GetValue<string>().ShouldBe("allowed");
        start["tasks"]!.AsArray().ShouldHaveSingleItem()!.GetValue<string>().ShouldStartWith("UPID:pve2:");
        start["outcome"]!.GetValue<string>().ShouldBe("ok");
        start["client"]!["name"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        start["duration_ms"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(0);
        lines[2]["outcome"]!.GetValue<string>().ShouldBe("error");
        lines[2]["error"]!.GetValue<string>().ShouldContain("4242");
        AuditChain.Verify([AuditPath]).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task Secrets_never_reach_the_file()
    {
        await using (var harness = await ServerHarness.StartAsync(o => o with { AuditLogPath = AuditPath }))
        {
            await harness.CallAsync("create_container", new
            {
                hostname = "web2",
                template = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst",
                password = "hunter2-hunter2",
                ssh_public_keys = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl admin@laptop",
                description = "token " + harness.Options.TokenValue,
            });
            await harness.Services.GetRequiredService<AuditLog>().FlushAsync(TestContext.Current.CancellationToken);
            var text = File.ReadAllText(AuditPath);
            text.ShouldNotContain("hunter2");
            text.ShouldNotContain(harness.Options.TokenValue);
            text.ShouldNotContain("AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl");
            text.ShouldContain("\"password\":\"***\"");
            text.ShouldContain("admin@laptop");
        }
    }

    [Fact]
    public async Task Audit_verify_passes_an_untouched_file_and_names_the_first_edited_removed_or_moved_line()
    {
        WriteLines(AuditPath, 6);
        (await Verify(AuditPath)).ShouldBe((ExitCodes.Ok, "ok: 6 line(s) in 1 file(s) form an unbroken chain from the first line."));

        var lines = File.ReadAllLines(AuditPath);

        var edited = lines.ToArray();
        edited[2] = edited[2].Replace("\"tool\":\"tool-3\"", "\"tool\":\"tool-x\"", StringComparison.Ordinal);
        await Broken(edited, "audit.jsonl:3: edited: its content no longer matches its hash");

        var removed = lines.Where((_, i) => i != 3).ToArray();
        await Broken(removed, "audit.jsonl:4: 1 line(s) removed before it: seq jumps from 3 to 5");

        var swapped = lines.ToArray();
        (swapped[1], swapped[2]) = (swapped[2], swapped[1]);
        await Broken(swapped, "audit.jsonl:2: out of order: seq 3 follows seq 1");

        // Rewritten and re-hashed, as someone who knows the format would: the next line still gives it away.
        var resealed = lines.ToArray();
        var entry = JsonNode.Parse(resealed[4])!.AsObject();
        entry["tool"] = "tool-y";
        var prev = entry["prev"]!.GetValue<string>();
        resealed[4] = AuditChain.Seal(entry, 5, prev, AuditLog.LineJson).Line;
        await Broken(resealed, "audit.jsonl:5: edited: the next line recorded a different hash for it");
    }

    [Fact]
    public async Task The_chain_continues_across_rotation_and_restarts()
    {
        var options = AuditOptions() with { AuditMaxBytes = 1200, AuditKeepFiles = 50 };
        for (var run = 0; run < 3; run++)
        {
            await using var log = new AuditLog(options, NullLogger<AuditLog>.Instance);
            for (var i = 0; i < 10; i++)
            {
                log.Record(new JsonObject { ["tool"] = $"run{run}-{i}", ["padding"] = new string('x', 100) });
            }
        }

        var files = AuditChain.ChainFiles(AuditPath);
        files.Count.ShouldBeGreaterThan(3);
        var result = AuditChain.Verify(files);
        result.Ok.ShouldBeTrue(result.Problem);
        result.Lines.ShouldBe(30);
        (await Verify(AuditPath)).Code.ShouldBe(ExitCodes.Ok);

        // A line removed from a rotated file is caught there, with the file named.
        var middle = files[1];
        File.WriteAllLines(middle, File.ReadAllLines(middle).Skip(1));
        var (code, text) = await Verify(AuditPath);
        code.ShouldBe(ExitCodes.Failed);
        text.ShouldContain(Path.GetFileName(middle) + ":1: 1 line(s) removed before it");
    }

    [Fact]
    public async Task Two_servers_writing_one_file_at_once_keep_one_chain()
    {
        // Two conversations, two server processes, one .env: each writer takes its place in the chain
        // from the file itself, under the file's lock, instead of from what it last wrote (which forked
        // the chain: two lines with the same seq, each naming a different previous line).
        var options = AuditOptions() with { AuditMaxBytes = 4000, AuditKeepFiles = 100 };
        await using (var first = new AuditLog(options, NullLogger<AuditLog>.Instance))
        await using (var second = new AuditLog(options, NullLogger<AuditLog>.Instance))
        {
            // Taking turns: each writer's next line follows the other's.
            for (var i = 0; i < 40; i++)
            {
                first.Record(new JsonObject { ["tool"] = $"first-{i}", ["padding"] = new string('x', 50) });
                await first.FlushAsync(TestContext.Current.CancellationToken);
                second.Record(new JsonObject { ["tool"] = $"second-{i}", ["padding"] = new string('y', 50) });
                await second.FlushAsync(TestContext.Current.CancellationToken);
            }
            // At once: the lock orders them.
            for (var i = 40; i < 200; i++)
            {
                first.Record(new JsonObject { ["tool"] = $"first-{i}", ["padding"] = new string('x', 50) });
                second.Record(new JsonObject { ["tool"] = $"second-{i}", ["padding"] = new string('y', 50) });
            }
            await Task.WhenAll(first.FlushAsync(TestContext.Current.CancellationToken), second.FlushAsync(TestContext.Current.CancellationToken));
        }

        var files = AuditChain.ChainFiles(AuditPath);
        files.Count.ShouldBeGreaterThan(3, "the writers rotated the file between them");
        var result = AuditChain.Verify(files);
        result.Ok.ShouldBeTrue(result.Problem);
        result.Lines.ShouldBe(400);
        var tools = files.SelectMany(File.ReadAllLines).Select(l => JsonNode.Parse(l)!["tool"]!.GetValue<string>()).ToList();
        tools.Where(t => t.StartsWith("first-", StringComparison.Ordinal)).ShouldBe(Enumerable.Range(0, 200).Select(i => $"first-{i}"));
        tools.Where(t => t.StartsWith("second-", StringComparison.Ordinal)).ShouldBe(Enumerable.Range(0, 200).Select(i => $"second-{i}"));
    }

    [Fact]
    public async Task Old_rotated_files_beyond_the_kept_number_are_dropped_and_the_rest_still_verifies()
    {
        var options = AuditOptions() with { AuditMaxBytes = 600, AuditKeepFiles = 2 };
        await using (var log = new AuditLog(options, NullLogger<AuditLog>.Instance))
        {
            for (var i = 0; i < 40; i++)
            {
                log.Record(new JsonObject { ["tool"] = $"call-{i}", ["padding"] = new string('x', 100) });
            }
        }

        AuditChain.ChainFiles(AuditPath).Count.ShouldBe(3);
        var (code, text) = await Verify(AuditPath);
        code.ShouldBe(ExitCodes.Ok);
        text.ShouldContain("but it starts at seq ");
        text.ShouldContain("rotated away under PROXMOX_MCP_AUDIT_KEEP");
    }

    [Fact]
    public async Task A_file_that_cannot_be_written_never_fails_a_call()
    {
        File.WriteAllText(Path.Combine(_directory, "not-a-directory"), "x");
        await using var harness = await ServerHarness.StartAsync(o => o with { AuditLogPath = Path.Combine(_directory, "not-a-directory", "audit.jsonl") });

        (await harness.CallAsync("list_nodes")).IsError.ShouldNotBe(true);
        (await harness.CallAsync("list_nodes")).IsError.ShouldNotBe(true);
        await harness.Services.GetRequiredService<AuditLog>().FlushAsync(TestContext.Current.CancellationToken);

        harness.Logs.Lines.Count(l => l.StartsWith("audit: cannot write", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Arguments_an_attacker_shapes_still_leave_one_bounded_line_per_call()
    {
        await using (var harness = await ServerHarness.StartAsync(o => o with { AuditLogPath = AuditPath }))
        {
            // Duplicate keys (the binder keeps the last), a value not valid Unicode, and a huge junk argument.
            using var duplicate = JsonDocument.Parse("""{"cores":"3","cores":"4"}""");
            using var surrogate = JsonDocument.Parse("\"\\ud800\"");
            var changed = await harness.Client.CallToolAsync("set_vm_config", new Dictionary<string, object?> { ["vmid"] = 101, ["options"] = duplicate.RootElement }, cancellationToken: TestContext.Current.CancellationToken);
            // The SDK's client cannot even send a lone surrogate; the tool is invoked as the transport would.
            var unicode = await ProxmoxMcp.Hosting.ToolCatalog.All.Single(t => t.Definition.Name == "vm_status").InvokeAsync(new ProxmoxMcp.Tools.ToolInvocation(
                new Dictionary<string, JsonElement> { ["vmid"] = JsonSerializer.SerializeToElement(101), ["node"] = surrogate.RootElement }, harness.Services, ProxmoxMcp.Tools.ToolProgress.None, TestContext.Current.CancellationToken));
            var junk = await harness.Client.CallToolAsync("list_nodes", new Dictionary<string, object?> { ["junk"] = new string('x', 300_000) }, cancellationToken: TestContext.Current.CancellationToken);
            await harness.Services.GetRequiredService<AuditLog>().FlushAsync(TestContext.Current.CancellationToken);

            changed.IsError.ShouldNotBe(true, string.Join(" ", changed.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(b => b.Text)));
            unicode.IsError.ShouldBe(true);
            string.Join(" ", unicode.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(b => b.Text)).ShouldContain("not valid Unicode");
            junk.IsError.ShouldBe(true);
            harness.Sandbox.Requests.Snapshot().ShouldContain(r => r.Method == "PUT" && r.Parameters.Any(p => p.Key == "cores" && p.Value == "4"));
        }

        var lines = File.ReadAllLines(AuditPath);
        lines.Select(l => JsonNode.Parse(l)!["tool"]!.GetValue<string>()).ShouldBe(["set_vm_config", "vm_status", "list_nodes"]);
        JsonNode.Parse(lines[0])!["arguments"]!["options"]!["cores"]!.GetValue<string>().ShouldBe("4");
        lines.ShouldAllBe(l => l.Length < 4096);
        lines[2].ShouldContain("(300000 chars, sha256 ");
        AuditChain.Verify([AuditPath]).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task A_refusal_by_the_policy_before_sending_is_in_the_safety_field()
    {
        await using (var harness = await ServerHarness.StartAsync(o => o with { AuditLogPath = AuditPath, Confirm = new ConfirmationRules { Tags = new HashSet<string> { "prod" } } }))
        {
            (await harness.CallAsync("set_vm_config", new { vmid = 101, options = new Dictionary<string, string> { ["tags"] = "home;execok\n" } })).IsError.ShouldBe(true);
            await harness.Services.GetRequiredService<AuditLog>().FlushAsync(TestContext.Current.CancellationToken);
        }

        var line = JsonNode.Parse(File.ReadAllLines(AuditPath).ShouldHaveSingleItem())!;
        line["safety"]!["refused"]!.AsArray().ShouldHaveSingleItem()!.GetValue<string>().ShouldContain("line break");
    }

    private ProxmoxOptions AuditOptions() => new()
    {
        Host = "pve.test",
        User = "mcp@pve",
        TokenName = "agent",
        TokenValue = "00000000-0000-0000-0000-000000000000",
        AuditLogPath = AuditPath,
    };

    private static void WriteLines(string path, int count)
    {
        var prev = AuditChain.Genesis;
        var lines = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var (line, hash) = AuditChain.Seal(new JsonObject { ["tool"] = $"tool-{i}" }, i, prev, AuditLog.LineJson);
            lines.Add(line);
            prev = hash;
        }
        File.WriteAllLines(path, lines);
    }

    private async Task Broken(string[] lines, string expected)
    {
        File.WriteAllLines(AuditPath, lines);
        var (code, text) = await Verify(AuditPath);
        code.ShouldBe(ExitCodes.Failed);
        text.ShouldContain(expected);
    }

    private static async Task<(int Code, string Text)> Verify(string path)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLineApp.RunAsync(["audit", "verify", path], output, error, new Dictionary<string, string>());
        return (code, (output.ToString() + error.ToString()).Trim());
    }
}
