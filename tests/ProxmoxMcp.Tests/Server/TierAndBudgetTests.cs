using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ProxmoxMcp.Api;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Safety;
using ProxmoxMcp.Safety.Policy;
using ProxmoxMcp.Sandbox;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Tests.Server;

/// <summary>PROXMOX_TIERS (which tools are offered at all) and the time budgets, through the SDK's McpClient.</summary>
public sealed class TierAndBudgetTests
{
    [Fact]
    public async Task A_read_only_server_lists_and_runs_only_reads()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { Tiers = new HashSet<ToolTier> { ToolTier.Read } });

        var tools = await harness.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var stop = await Should.ThrowAsync<McpException>(() => harness.Client.CallToolAsync("stop_vm", new Dictionary<string, object?> { ["vmid"] = 101 },
            cancellationToken: TestContext.Current.CancellationToken).AsTask());

        tools.Select(t => t.Name).ShouldBe(ToolCatalog.All.Where(t => t.Tier == ToolTier.Read).Select(t => t.Definition.Name), ignoreOrder: true);
        stop.Message.ShouldContain("stop_vm");
        (await harness.CallAsync("list_vms")).IsError.ShouldNotBe(true);
        harness.Sandbox.Requests.Snapshot().ShouldNotContain(r => r.Method != "GET");
    }

    [Fact]
    public async Task Read_and_power_hide_provisioning()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { Tiers = new HashSet<ToolTier> { ToolTier.Read, ToolTier.Lifecycle } });

        var names = (await harness.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(t => t.Name).ToList();

        names.ShouldContain("start_vm");
        names.ShouldNotContain("create_vm");
        names.ShouldNotContain("clone_vm");
        (await harness.CallAsync("start_vm", new { vmid = 102 })).IsError.ShouldNotBe(true);
    }

    [Fact]
    public async Task Under_the_tools_the_policy_refuses_changes_of_a_hidden_tier_from_a_read_tool_or_from_no_tool()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { Tiers = new HashSet<ToolTier> { ToolTier.Read, ToolTier.Lifecycle } });
        harness.ExpectPolicyRefusals = 3;
        var api = harness.Services.GetRequiredService<IProxmoxApi>();
        var snapshot = new ProxmoxParameters().Add("snapname", "before");

        using (PolicyCaller.Enter("create_snapshot", CallerRole.Tool, new ToolCall("create_snapshot", ToolTier.Provision)))
        {
            (await Should.ThrowAsync<SafetyRefusedException>(() => api.PostAsync("/nodes/pve1/qemu/101/snapshot", snapshot, TestContext.Current.CancellationToken)))
                .Message.ShouldContain("the provision tier, which this server does not expose (PROXMOX_TIERS=read,power)");
        }
        using (PolicyCaller.Enter("vm_status", CallerRole.Tool, new ToolCall("vm_status", ToolTier.Read)))
        {
            (await Should.ThrowAsync<SafetyRefusedException>(() => api.PostAsync("/nodes/pve1/qemu/101/status/stop", cancellationToken: TestContext.Current.CancellationToken)))
                .Message.ShouldContain("vm_status is a read tool (tier A)");
        }
        (await Should.ThrowAsync<SafetyRefusedException>(() => api.PostAsync("/nodes/pve1/qemu/101/status/stop", cancellationToken: TestContext.Current.CancellationToken)))
            .Message.ShouldContain("only inside a tool call");
        harness.Sandbox.Requests.Snapshot().ShouldNotContain(r => r.Method != "GET");
    }

    [Fact]
    public async Task Tools_list_shows_each_tools_budget()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { Budgets = new TimeBudgets { Read = TimeSpan.FromSeconds(20), Power = TimeSpan.FromSeconds(45) } });

        var tools = (await harness.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).ToDictionary(t => t.Name, t => t.ProtocolTool);

        tools["list_vms"].Meta!["budgetSeconds"]!.GetValue<int>().ShouldBe(20);
        tools["list_vms"].Meta!.ContainsKey("budgetPlusTimeout").ShouldBeFalse();
        tools["stop_vm"].Meta!["budgetSeconds"]!.GetValue<int>().ShouldBe(45);
        tools["stop_vm"].Meta!["budgetPlusTimeout"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_read_past_its_budget_is_a_clear_error_and_the_server_answers_the_next_call()
    {
        // Every answer is held until the calls have given up; the budget leaves the next call room on a busy machine.
        await using var harness = await ServerHarness.StartAsync(o => o with { Budgets = new TimeBudgets { Read = TimeSpan.FromSeconds(3) } });
        var held = harness.Sandbox.Faults.Hold("^/");

        var slow = await harness.CallAsync("list_nodes");
        var slowPreview = await harness.CallAsync("preview", new { tool = "stop_vm", arguments = new { vmid = 101 } });
        held.Release();
        var next = await harness.CallAsync("list_nodes");

        slow.IsError.ShouldBe(true);
        ServerHarness.Text(slow).ShouldContain("list_nodes stopped at its time budget of 3 s (the read tier's budget), set by PROXMOX_TIME_BUDGETS");
        ServerHarness.Text(slow).ShouldContain("It only reads, so nothing changed");
        // A preview sends nothing that changes state, so its timeout must not suggest otherwise.
        slowPreview.IsError.ShouldBe(true);
        ServerHarness.Text(slowPreview).ShouldContain("preview stopped at its time budget");
        ServerHarness.Text(slowPreview).ShouldNotContain("may still take effect");
        next.IsError.ShouldNotBe(true, ServerHarness.Text(next));
        harness.Sandbox.Requests.Snapshot().ShouldAllBe(r => r.Method == "GET");
    }

    [Fact]
    public async Task A_power_call_past_its_budget_names_the_task_it_started_which_goes_on()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { Budgets = new TimeBudgets { Power = TimeSpan.FromSeconds(2) } },
            new SandboxOptions { TaskDuration = TimeSpan.FromSeconds(30) });
        // Once the start is sent, Proxmox answers slowly: the first task poll outlasts the budget of 1 + 2 s.
        harness.Sandbox.Faults.ChangeBefore("/status/start$", "POST", _ => harness.Sandbox.Faults.Latency = TimeSpan.FromSeconds(6));

        var result = await harness.CallAsync("start_vm", new { vmid = 102, timeout_seconds = 1 });
        harness.Sandbox.Faults.Latency = TimeSpan.Zero;

        result.IsError.ShouldBe(true);
        var text = ServerHarness.Text(result);
        text.ShouldContain("start_vm stopped at its time budget of 3 s (timeout_seconds 1 + 2 s for the power tier)");
        text.ShouldContain("still run and were not cancelled: UPID:pve2:");
        (await harness.CallAsync("vm_status", new { vmid = 101 })).IsError.ShouldNotBe(true);
    }
}
