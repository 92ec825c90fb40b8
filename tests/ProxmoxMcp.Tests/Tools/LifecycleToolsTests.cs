using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Sandbox;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests.Tools;

/// <summary>Tier B through the real MCP client: tasks followed to the end, idempotence, progress, errors an agent can act on.</summary>
public sealed class LifecycleToolsTests
{
    [Fact]
    public async Task Power_actions_follow_the_task_and_change_state()
    {
        await using var harness = await ServerHarness.StartAsync();

        var start = Structured(await harness.CallAsync("start_vm", new { vmid = 102 }));
        start.GetProperty("status").GetString().ShouldBe("done");
        start.GetProperty("exit_status").GetString().ShouldBe("OK");
        start.GetProperty("changed").GetBoolean().ShouldBeTrue();
        start.GetProperty("upid").GetString()!.ShouldContain(":qmstart:102:");
        harness.Sandbox.Cluster.Guests[102].Status.ShouldBe("running");

        Structured(await harness.CallAsync("suspend_vm", new { vmid = 102 })).GetProperty("status").GetString().ShouldBe("done");
        harness.Sandbox.Cluster.Guests[102].Paused.ShouldBeTrue();
        Structured(await harness.CallAsync("resume_vm", new { vmid = 102 })).GetProperty("status").GetString().ShouldBe("done");
        Structured(await harness.CallAsync("reboot_vm", new { vmid = 102 })).GetProperty("action").GetString().ShouldBe("reboot");
        Structured(await harness.CallAsync("shutdown_vm", new { vmid = 102 })).GetProperty("status").GetString().ShouldBe("done");
        harness.Sandbox.Cluster.Guests[102].Status.ShouldBe("stopped");

        Structured(await harness.CallAsync("start_container", new { vmid = 202 })).GetProperty("status").GetString().ShouldBe("done");
        Structured(await harness.CallAsync("reboot_container", new { vmid = 202 })).GetProperty("status").GetString().ShouldBe("done");
        Structured(await harness.CallAsync("shutdown_container", new { vmid = 202 })).GetProperty("status").GetString().ShouldBe("done");
        Structured(await harness.CallAsync("start_container", new { vmid = 202 }));
        Structured(await harness.CallAsync("stop_container", new { vmid = 202 })).GetProperty("status").GetString().ShouldBe("done");
        Structured(await harness.CallAsync("stop_vm", new { vmid = 101 })).GetProperty("status").GetString().ShouldBe("done");
        harness.Sandbox.Cluster.Guests[101].Status.ShouldBe("stopped");
    }

    [Fact]
    public async Task Asking_for_the_current_state_succeeds_and_sends_no_action()
    {
        await using var harness = await ServerHarness.StartAsync();
        harness.Sandbox.Requests.Clear();

        var start = Structured(await harness.CallAsync("start_vm", new { vmid = 100 }));
        var stop = Structured(await harness.CallAsync("stop_container", new { vmid = 202 }));
        var shutdown = Structured(await harness.CallAsync("shutdown_vm", new { vmid = 102 }));
        var resume = Structured(await harness.CallAsync("resume_vm", new { vmid = 101 }));

        foreach (var result in new[] { start, stop, shutdown, resume })
        {
            result.GetProperty("changed").GetBoolean().ShouldBeFalse();
            result.GetProperty("status").GetString().ShouldBe("unchanged");
        }
        start.GetProperty("message").GetString().ShouldBe("VM 100 (docker) is already running; nothing changed.");
        harness.Sandbox.Requests.Snapshot().ShouldAllBe(r => r.Method == "GET");
    }

    [Fact]
    public async Task Errors_say_what_to_do()
    {
        await using var harness = await ServerHarness.StartAsync();

        var reboot = await harness.CallAsync("reboot_vm", new { vmid = 102 });
        reboot.IsError.ShouldBe(true);
        ServerHarness.Text(reboot).ShouldBe("VM 102 (win11) is not running (status: stopped); start it with start_vm first.");

        var wrongKind = await harness.CallAsync("start_vm", new { vmid = 200 });
        ServerHarness.Text(wrongKind).ShouldContain("200 is a container (pihole), not a VM; use the container tools");
        var wrongKindBack = await harness.CallAsync("container_status", new { vmid = 100 });
        ServerHarness.Text(wrongKindBack).ShouldContain("100 is a VM (docker), not a container");

        ServerHarness.Text(await harness.CallAsync("start_vm", new { vmid = 9000 })).ShouldContain("is a template");
        ServerHarness.Text(await harness.CallAsync("start_vm", new { vmid = 104 })).ShouldContain("on node pve3, which is offline");
        ServerHarness.Text(await harness.CallAsync("start_vm", new { vmid = 555 })).ShouldContain("No VM or container with id 555");
        ServerHarness.Text(await harness.CallAsync("start_vm", new { vmid = 100, node = "pve2" })).ShouldContain("is on node pve1, not pve2");
        ServerHarness.Text(await harness.CallAsync("start_vm", new { vmid = 100, node = "pve9" })).ShouldContain("There is no node named 'pve9'");
    }

    [Fact]
    public async Task A_failed_task_returns_its_exit_status_and_log_tail()
    {
        await using var harness = await ServerHarness.StartAsync();
        harness.Sandbox.Cluster.Guests[102].Config["net0"] = "virtio=BC:24:11:00:00:66,bridge=vmbr9";

        var result = await harness.CallAsync("start_vm", new { vmid = 102 });

        result.IsError.ShouldBe(true);
        var text = ServerHarness.Text(result);
        text.ShouldContain("start of VM 102 (win11) failed: bridge 'vmbr9' does not exist");
        text.ShouldContain("TASK ERROR: bridge 'vmbr9' does not exist");
    }

    [Fact]
    public async Task A_403_names_the_missing_privilege()
    {
        await using var limited = await ServerHarness.StartAsync(token: tokens => tokens.ReadOnly);

        var result = await limited.CallAsync("start_vm", new { vmid = 102 });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain("VM.PowerMgmt");
    }

    [Fact]
    public async Task Progress_notifications_arrive_while_a_slow_task_runs()
    {
        // The sandbox's clock stands still, so its task runs until the test has seen the notifications,
        // however slowly a busy machine polls.
        var clock = new ManualClock();
        await using var harness = await ServerHarness.StartAsync(sandboxOptions: new SandboxOptions { TaskDuration = TimeSpan.FromSeconds(30), Time = clock });
        var notifications = new ConcurrentQueue<ProgressNotificationValue>();
        var progress = new SynchronousProgress(notifications.Enqueue);

        var call = harness.CallAsync("start_container", new { vmid = 202 }, progress);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (notifications.Count < 3 && !call.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        call.IsCompleted.ShouldBeFalse("the task has not ended, so the call must still be waiting");
        notifications.Count.ShouldBeGreaterThanOrEqualTo(3);
        clock.Advance(TimeSpan.FromSeconds(31));
        var result = await call;

        Structured(result).GetProperty("status").GetString().ShouldBe("done");
        notifications.ShouldAllBe(n => n.Total == 120);
        notifications.Select(n => n.Message).ShouldContain(m => m!.Contains("running", StringComparison.Ordinal));
        // The final "done" notification races the result: the client may drop it once the call has
        // completed, so only the ones sent while the task ran are asserted.
        notifications.Select(n => n.Progress).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task Wait_false_returns_the_task_id_and_a_short_budget_reports_still_running()
    {
        // The sandbox's clock stands still: its tasks run until the test is over, however slow the machine.
        await using var harness = await ServerHarness.StartAsync(sandboxOptions: new SandboxOptions { TaskDuration = TimeSpan.FromSeconds(5), Time = new ManualClock() });

        var started = Structured(await harness.CallAsync("start_vm", new { vmid = 102, wait = false }));
        started.GetProperty("status").GetString().ShouldBe("started");
        started.GetProperty("upid").GetString()!.ShouldStartWith("UPID:pve2:");

        var running = Structured(await harness.CallAsync("start_container", new { vmid = 202, timeout_seconds = 1 }));
        running.GetProperty("status").GetString().ShouldBe("still_running");
        running.GetProperty("message").GetString()!.ShouldContain("task_status");
    }

    [Fact]
    public async Task Cancellation_stops_waiting()
    {
        await using var harness = await ServerHarness.StartAsync(sandboxOptions: new SandboxOptions { TaskDuration = TimeSpan.FromSeconds(30) });

        await harness.CallAndCancelAsync("start_vm", new { vmid = 102 }, TimeSpan.FromSeconds(1));
        // A poll already on its way when the cancellation arrived may land late on a busy machine: wait
        // (10 s at most) for half a second without a request, then no request may follow.
        var polls = harness.Sandbox.Requests.Snapshot().Count;
        for (var quiet = System.Diagnostics.Stopwatch.StartNew(); quiet.Elapsed < TimeSpan.FromSeconds(10);)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            var now = harness.Sandbox.Requests.Snapshot().Count;
            if (now == polls)
            {
                break;
            }
            polls = now;
        }
        await Task.Delay(1500, TestContext.Current.CancellationToken);

        harness.Sandbox.Requests.Snapshot().Count.ShouldBe(polls, "the server kept polling the task after the request was cancelled");
        polls.ShouldBeGreaterThan(3);
        (await harness.CallAsync("list_nodes")).IsError.ShouldNotBe(true, "the server keeps serving after a cancelled call");
    }

    [Fact]
    public async Task Tagged_write_scope_refuses_untagged_guests()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { WriteScope = ProxmoxMcp.Configuration.WriteScope.Tagged });
        harness.Sandbox.Cluster.Guests[202].Config["tags"] = "db;mcp";

        ServerHarness.Text(await harness.CallAsync("start_vm", new { vmid = 102 })).ShouldContain("does not carry the tag 'mcp'");
        Structured(await harness.CallAsync("start_container", new { vmid = 202 })).GetProperty("status").GetString().ShouldBe("done");
    }

    private static JsonElement Structured(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true, ServerHarness.Text(result));
        return result.StructuredContent!.Value;
    }

    /// <summary>Progress that records at once (Progress&lt;T&gt; would post to a thread pool and race the assertions).</summary>
    private sealed class SynchronousProgress(Action<ProgressNotificationValue> report) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => report(value);
    }
}
