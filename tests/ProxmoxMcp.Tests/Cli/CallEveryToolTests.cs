using ProxmoxMcp.Cli;

namespace ProxmoxMcp.Tests.Cli;

/// <summary>Every tool through `proxmox-mcp --sandbox call`, as a user would try it from a shell.</summary>
public sealed class CallEveryToolTests
{
    public static TheoryData<string, string[]> Calls => new()
    {
        { "list_nodes", [] },
        { "node_status", ["node=pve2"] },
        { "cluster_resources", ["type=storage"] },
        { "list_vms", ["status=running"] },
        { "list_containers", ["tag=web"] },
        { "vm_status", ["vmid=101"] },
        { "container_status", ["vmid=200"] },
        { "vm_config", ["vmid=100"] },
        { "container_config", ["vmid=201"] },
        { "list_storage", ["node=pve1"] },
        { "list_templates", [] },
        { "next_vmid", [] },
        { "list_tasks", ["limit=5"] },
        { "list_snapshots", ["vmid=200"] },
        { "storage_content", ["storage=local", "content=iso"] },
        { "guest_network", ["vmid=101"] },
        { "proxmox_api_get", ["path=/cluster/status"] },
        { "cluster_health", [] },
        { "node_diagnostics", ["node=pve1", "aspect=syslog", "since=1h"] },
        { "cluster_overview", ["aspect=backup_jobs"] },
        { "guest_details", ["vmid=100", "aspect=rrd", "timeframe=day"] },
        { "start_vm", ["vmid=102"] },
        { "stop_vm", ["vmid=101"] },
        { "shutdown_vm", ["vmid=103"] },
        { "reboot_vm", ["vmid=100"] },
        { "suspend_vm", ["vmid=100"] },
        { "resume_vm", ["vmid=100"] },
        { "start_container", ["vmid=202"] },
        { "stop_container", ["vmid=203"] },
        { "shutdown_container", ["vmid=201"] },
        { "reboot_container", ["vmid=200"] },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Each_tool_runs_through_call(string tool, string[] arguments)
    {
        var args = new List<string> { "--sandbox", "call", tool };
        foreach (var argument in arguments)
        {
            args.Add("--arg");
            args.Add(argument);
        }
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLineApp.RunAsync([.. args], output, error, new Dictionary<string, string> { ["PROXMOX_SANDBOX_TASK_SECONDS"] = "0.1" });

        code.ShouldBe(ExitCodes.Ok, error.ToString());
        output.ToString().Trim().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Task_status_runs_through_call()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var settings = new Dictionary<string, string> { ["PROXMOX_SANDBOX_TASK_SECONDS"] = "0.1" };
        await CommandLineApp.RunAsync(["--sandbox", "call", "list_tasks", "--structured"], output, error, settings);
        using var tasks = System.Text.Json.JsonDocument.Parse(output.ToString());
        var upid = tasks.RootElement.GetProperty("tasks")[0].GetProperty("upid").GetString()!;

        using var statusOutput = new StringWriter();
        var code = await CommandLineApp.RunAsync(["--sandbox", "call", "task_status", "--arg", $"upid={upid}"], statusOutput, error, settings);

        code.ShouldBe(ExitCodes.Ok, error.ToString());
        statusOutput.ToString().ShouldContain("status=stopped");
    }
}
