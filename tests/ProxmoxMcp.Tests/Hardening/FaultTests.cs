using ProxmoxMcp.Sandbox;

namespace ProxmoxMcp.Tests.Hardening;

/// <summary>
/// A cluster misbehaving the ways real ones do, through the sandbox's fault injection and the real
/// server: each fault gives a clear tool error that says what happened, the next call works, and a task
/// that fails half-way is reported as failed with its log, never as done.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    /// <summary>A fault to inject, the call that meets it, and what its error must say.</summary>
    public sealed record Fault(string Name, Action<SandboxServer> Inject, string Tool, object Arguments, string Expected);

    private static readonly Fault[] Faults =
    [
        new("500 from the API", s => s.Faults.Fail("^/cluster/resources$", 500, "cfs-lock timeout"), "list_vms", new { }, "cfs-lock timeout"),
        new("595 from an offline node", s => s.Faults.Fail("^/nodes/pve1/qemu/101/status/current$", 595, "no route to host"), "vm_status", new { vmid = 101 }, "the node may be offline"),
        new("a dropped connection", s => s.Faults.Drop("^/nodes$"), "list_nodes", new { }, "the node may be restarting"),
        new("an HTML error page from a proxy", s => s.Faults.Respond("^/nodes$", 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"), "list_nodes", new { }, "502"),
        new("malformed JSON with status 200", s => s.Faults.Respond("^/nodes$", 200, "application/json", "{\"data\":[{\"node\":\"pve1\","), "list_nodes", new { }, "something other than its JSON envelope"),
        new("a body far larger than any answer", s => s.Faults.Respond("^/nodes$", 200, "application/json", "{\"data\":\"" + new string('x', 70 * 1024 * 1024) + "\"}"), "list_nodes", new { }, "more than 64 MiB"),
        new("a redirect to another host", s => s.Faults.Redirect("^/nodes$", 302, "https://elsewhere.example/api2/json/nodes"), "list_nodes", new { }, "redirects are never followed"),
        new("a task that fails half-way", s => s.Faults.FailTasks("qmstart", "start failed: QEMU exited with code 1", times: 1), "start_vm", new { vmid = 102 }, "start failed: QEMU exited with code 1"),
    ];

    public static TheoryData<string> Names => new(Faults.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_fault_is_a_clear_error_and_the_next_call_works(string name)
    {
        var fault = Faults.Single(f => f.Name == name);
        await using var harness = await ServerHarness.StartAsync();
        fault.Inject(harness.Sandbox);

        var result = await harness.CallAsync(fault.Tool, fault.Arguments);
        harness.Sandbox.Faults.Clear();
        var next = await harness.CallAsync("list_nodes");

        output.WriteLine($"fault injected: {name} -> {ServerHarness.Text(result).Split('\n')[0]}");
        HardeningCounts.Report($"fault injected: {name} -> a clear error ({(result.IsError == true ? "isError" : "NOT an error")}), next call {(next.IsError == true ? "FAILED" : "answered")}");
        result.IsError.ShouldBe(true, $"{name} was reported as a success");
        ServerHarness.Text(result).ShouldContain(fault.Expected);
        ServerHarness.Text(result).ShouldNotContain("Exception");
        next.IsError.ShouldNotBe(true, ServerHarness.Text(next));
    }

    [Fact]
    public async Task A_failed_task_is_reported_with_its_log_never_as_done()
    {
        await using var harness = await ServerHarness.StartAsync();
        harness.Sandbox.Faults.FailTasks("vzdump", "job failed with err -5 - Input/output error", times: 1);

        var result = await harness.CallAsync("backup_guest", new { vmid = 101, storage = "local" });

        result.IsError.ShouldBe(true);
        var text = ServerHarness.Text(result);
        text.ShouldContain("Input/output error");
        text.ShouldContain("progress 50%");
    }

    [Fact]
    public async Task Answers_slower_than_the_timeout_end_the_call_with_the_setting_named()
    {
        // The answer is held until the call has given up (not a latency the timeout is raced against), and
        // the timeout leaves the next call, on a new connection, room on a busy machine.
        await using var harness = await ServerHarness.StartAsync(o => o with { RequestTimeout = TimeSpan.FromSeconds(4) });
        var held = harness.Sandbox.Faults.Hold("^/nodes$");

        var result = await harness.CallAsync("list_nodes");
        held.Release();

        ServerHarness.Text(result).ShouldContain("within 4 s (PROXMOX_TIMEOUT)");
        var next = await harness.CallAsync("list_nodes");
        next.IsError.ShouldNotBe(true, ServerHarness.Text(next));
    }

    [Fact]
    public async Task A_token_revoked_mid_session_is_named()
    {
        // (A certificate that stops matching the pin: ProxmoxHttpClientTests.)
        await using var harness = await ServerHarness.StartAsync();
        (await harness.CallAsync("list_nodes")).IsError.ShouldNotBe(true);

        harness.Sandbox.Tokens.Revoke(harness.Sandbox.Tokens.Full);
        var revoked = await harness.CallAsync("list_nodes");

        revoked.IsError.ShouldBe(true);
        ServerHarness.Text(revoked).ShouldContain("refused the API token (401");
    }
}
