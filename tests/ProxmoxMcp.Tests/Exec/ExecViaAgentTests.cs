using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Tests.Exec;

/// <summary>exec_in_vm through the sandbox's QEMU guest agent API, and the tools' absence when exec is off.</summary>
public sealed class ExecViaAgentTests
{
    [Fact]
    public async Task Exec_tools_are_absent_and_refused_by_name_when_exec_is_off()
    {
        await using var harness = await ServerHarness.StartAsync();

        var names = (await harness.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(t => t.Name).ToList();
        names.ShouldNotContain("exec_in_vm");
        names.ShouldNotContain("exec_in_container");

        var call = await Should.ThrowAsync<ModelContextProtocol.McpException>(harness.Client.CallToolAsync("exec_in_vm",
            new Dictionary<string, object?> { ["vmid"] = 100, ["command"] = new[] { "id" } }, cancellationToken: TestContext.Current.CancellationToken).AsTask());
        call.Message.ShouldContain("exec_in_vm");
        harness.Sandbox.Requests.Snapshot().ShouldNotContain(r => r.Path.Contains("/agent/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exec_in_vm_runs_an_argument_array_through_the_agent()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, AuditLogPath = null });

        var result = Structured(await harness.CallAsync("exec_in_vm", new { vmid = 100, command = new[] { "echo", "a; b", "$(id)" } }));

        result.GetProperty("via").GetString().ShouldBe("qemu-guest-agent");
        result.GetProperty("stdout").GetString().ShouldBe("a; b $(id)\n");
        var exec = harness.Sandbox.Requests.Snapshot().Single(r => r.Path.EndsWith("/agent/exec", StringComparison.Ordinal));
        exec.Parameters.Where(p => p.Key == "command").Select(p => p.Value).ShouldBe(["timeout", "-k", "5", "60", "echo", "a; b", "$(id)"]);
    }

    [Fact]
    public async Task Shell_exit_codes_timeouts_and_errors()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, AuditLogPath = null });

        var failed = Structured(await harness.CallAsync("exec_in_vm", new { vmid = 101, shell = "hostname; echo oops >&2; exit 4" }));
        failed.GetProperty("exit_code").GetInt32().ShouldBe(4);
        failed.GetProperty("stdout").GetString().ShouldBe("homeassistant\n");
        failed.GetProperty("stderr").GetString().ShouldBe("oops\n");

        var slow = Structured(await harness.CallAsync("exec_in_vm", new { vmid = 101, command = new[] { "sleep", "10" }, timeout_seconds = 1 }));
        slow.GetProperty("timed_out").GetBoolean().ShouldBeTrue();

        ServerHarness.Text(await harness.CallAsync("exec_in_vm", new { vmid = 103, command = new[] { "id" } })).ShouldContain("guest agent of VM 103 is not running");
        ServerHarness.Text(await harness.CallAsync("exec_in_vm", new { vmid = 102, command = new[] { "id" } })).ShouldContain("is not running (status: stopped)");
        ServerHarness.Text(await harness.CallAsync("exec_in_vm", new { vmid = 100, command = new[] { "no-such-program" } })).ShouldContain("could not run 'no-such-program'");
        ServerHarness.Text(await harness.CallAsync("exec_in_vm", new { vmid = 100 })).ShouldContain("Pass the command as 'command'");
        ServerHarness.Text(await harness.CallAsync("exec_in_vm", new { vmid = 100, command = new[] { "id" }, shell = "id" })).ShouldContain("not both");
        ServerHarness.Text(await harness.CallAsync("exec_in_vm", new { vmid = 200, command = new[] { "id" } })).ShouldContain("is a container");
    }

    [Fact]
    public async Task A_tag_allow_list_is_enforced()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, AuditLogPath = null, ExecAllowTag = "docker" });

        Structured(await harness.CallAsync("exec_in_vm", new { vmid = 100, command = new[] { "true" } }));
        ServerHarness.Text(await harness.CallAsync("exec_in_vm", new { vmid = 101, command = new[] { "true" } })).ShouldContain("requires the tag 'docker'");
    }

    private static JsonElement Structured(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true, ServerHarness.Text(result));
        return result.StructuredContent!.Value;
    }
}
