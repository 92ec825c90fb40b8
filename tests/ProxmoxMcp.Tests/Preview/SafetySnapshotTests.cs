using System.Text.Json;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Sandbox;
using ProxmoxMcp.Sandbox.State;
using ProxmoxMcp.Tests.Confirmation;

namespace ProxmoxMcp.Tests.Preview;

/// <summary>
/// PROXMOX_SNAPSHOT_BEFORE: the guest is snapshotted, and its task followed to the end, before the change goes out;
/// a snapshot that cannot be taken stops the change; the server never removes one.
/// </summary>
public sealed class SafetySnapshotTests
{
    private static Func<ProxmoxOptions, ProxmoxOptions> Before(params SnapshotTrigger[] triggers) =>
        options => options with { Snapshots = new SnapshotRules { Before = triggers.ToHashSet() }, EnableExec = true, AuditLogPath = null };

    [Fact]
    public async Task An_agent_cannot_take_a_snapshot_under_a_safety_snapshot_name()
    {
        await using var harness = await ServerHarness.StartAsync();

        var taken = await harness.CallAsync("create_snapshot", new { vmid = 100, name = "mcp_set_vm_config_20990101_000000" });
        var previewed = ServerHarness.Text(await harness.CallAsync("preview", new { tool = "create_snapshot", arguments = new { vmid = 100, name = "mcp_set_vm_config_20990101_000000" } }));

        var capitals = await harness.CallAsync("create_snapshot", new { vmid = 100, name = "MCP_set_vm_config_20990101_000000" });

        taken.IsError.ShouldBe(true);
        ServerHarness.Text(taken).ShouldContain("safety snapshots");
        capitals.IsError.ShouldBe(true, "a name that reads like a safety snapshot's in any case");
        ServerHarness.Text(capitals).ShouldContain("safety snapshots");
        previewed.ShouldNotContain("Safety snapshot first");
        previewed.ShouldContain("refused");
        harness.Sandbox.Requests.Snapshot().ShouldNotContain(r => r.Method == "POST");
        (await harness.CallAsync("create_snapshot", new { vmid = 100, name = "before_patch" })).IsError.ShouldNotBe(true);
    }

    [Fact]
    public async Task The_snapshot_task_has_finished_before_the_configuration_request_goes_out()
    {
        await using var harness = await ServerHarness.StartAsync(Before(SnapshotTrigger.Config), new SandboxOptions { TaskDuration = TimeSpan.FromMilliseconds(200) });

        var result = await harness.CallAsync("set_vm_config", new { vmid = 101, options = new Dictionary<string, object> { ["memory"] = 6144 } });

        result.IsError.ShouldNotBe(true, ServerHarness.Text(result));
        var log = harness.Sandbox.Requests.Snapshot();
        var snapshot = log.Single(r => r.Method == "POST" && r.Path == "/nodes/pve1/qemu/101/snapshot");
        var change = log.Single(r => r.Method == "PUT" && r.Path == "/nodes/pve1/qemu/101/config");
        var name = snapshot.Parameters.Single(p => p.Key == "snapname").Value;
        name.ShouldMatch("^mcp_set_vm_config_[0-9]{8}_[0-9]{6}$");
        var task = harness.Sandbox.Cluster.Tasks.Single(t => t.Type == "qmsnapshot" && t.Id == "101");
        task.Ended!.Value.ShouldBeLessThan(change.Time);
        log.Where(r => r.Time > snapshot.Time && r.Time < change.Time).ShouldContain(r => r.Path.Contains(Uri.EscapeDataString(task.Upid), StringComparison.Ordinal) || r.Path.Contains(task.Upid, StringComparison.Ordinal));
        harness.Sandbox.Cluster.Guests[101].Snapshots.Single(s => s.Name == name).Config["memory"].ShouldBe("4096");
        harness.Sandbox.Cluster.Guests[101].Config["memory"].ShouldBe("6144");
        var structured = result.StructuredContent!.Value.GetProperty("safety_snapshot");
        structured.GetProperty("name").GetString().ShouldBe(name);
        structured.GetProperty("rollback").GetString()!.ShouldStartWith($"qm rollback 101 {name}");
        ServerHarness.Text(result).ShouldContain($"Safety snapshot {name} was taken first");
    }

    [Fact]
    public async Task Disk_growth_and_commands_in_a_guest_are_snapshotted_first_too()
    {
        await using var harness = await ServerHarness.StartAsync(Before(SnapshotTrigger.Resize, SnapshotTrigger.Exec));

        var resize = await harness.CallAsync("resize_disk", new { vmid = 100, disk = "scsi0", size = "+1G" });
        var exec = await harness.CallAsync("exec_in_vm", new { vmid = 100, command = new[] { "hostname" } });
        var config = await harness.CallAsync("set_vm_config", new { vmid = 100, options = new Dictionary<string, object> { ["cores"] = 6 } });

        resize.IsError.ShouldNotBe(true, ServerHarness.Text(resize));
        exec.IsError.ShouldNotBe(true, ServerHarness.Text(exec));
        config.IsError.ShouldNotBe(true, ServerHarness.Text(config));
        var names = harness.Sandbox.Cluster.Guests[100].Snapshots.Select(s => s.Name).Where(n => n.StartsWith("mcp_", StringComparison.Ordinal)).ToList();
        names.Count.ShouldBe(2);
        names.ShouldContain(n => n.StartsWith("mcp_resize_disk_", StringComparison.Ordinal));
        names.ShouldContain(n => n.StartsWith("mcp_exec_in_vm_", StringComparison.Ordinal));
        ServerHarness.Text(exec).ShouldContain("qm rollback 100 mcp_exec_in_vm_");
        var log = harness.Sandbox.Requests.Snapshot().ToList();
        log.FindIndex(r => r.Path.EndsWith("/snapshot", StringComparison.Ordinal) && r.Method == "POST").ShouldBeLessThan(log.FindIndex(r => r.Path.EndsWith("/resize", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_guest_holding_its_share_of_safety_snapshots_is_not_changed_and_none_is_removed()
    {
        await using var harness = await ServerHarness.StartAsync(o => Before(SnapshotTrigger.Config)(o) with { Snapshots = o.Snapshots with { Before = new HashSet<SnapshotTrigger> { SnapshotTrigger.Config }, Keep = 2 } });
        lock (harness.Sandbox.Cluster.Sync)
        {
            var guest = harness.Sandbox.Cluster.Guests[101];
            foreach (var name in new[] { "mcp_set_vm_config_20260101_000000", "mcp_exec_in_vm_20260102_000000" })
            {
                guest.Snapshots.Add(new GuestSnapshot(name, "earlier", DateTimeOffset.UtcNow, null, false, new Dictionary<string, string>(guest.Config)));
            }
        }

        var result = await harness.CallAsync("set_vm_config", new { vmid = 101, options = new Dictionary<string, object> { ["memory"] = 6144 } });

        result.IsError.ShouldBe(true);
        var text = ServerHarness.Text(result);
        text.ShouldContain("already holds 2 safety snapshots");
        text.ShouldContain("PROXMOX_SNAPSHOT_KEEP=2");
        text.ShouldContain("qm delsnapshot 101 NAME");
        text.ShouldContain("this server never removes any");
        harness.Sandbox.Requests.Snapshot().ShouldAllBe(r => r.Method == "GET");
    }

    [Fact]
    public async Task A_guest_on_storage_without_snapshots_is_refused_unless_best_effort()
    {
        await using var harness = await ServerHarness.StartAsync(Before(SnapshotTrigger.Config));
        await using var bestEffort = await ServerHarness.StartAsync(o => Before(SnapshotTrigger.Config)(o) with { Snapshots = new SnapshotRules { Before = new HashSet<SnapshotTrigger> { SnapshotTrigger.Config }, BestEffort = true } });
        foreach (var sandbox in new[] { harness.Sandbox, bestEffort.Sandbox })
        {
            lock (sandbox.Cluster.Sync)
            {
                sandbox.Cluster.Storages.Add(new SandboxStorage("nas", "nfs", ["images", "rootdir"], 2L << 40, 0));
                sandbox.Cluster.Guests[102].Config["scsi1"] = "nas:102/vm-102-disk-1.raw,size=8G";
            }
        }

        var refused = await harness.CallAsync("set_vm_config", new { vmid = 102, options = new Dictionary<string, object> { ["memory"] = 4096 } });
        var made = await bestEffort.CallAsync("set_vm_config", new { vmid = 102, options = new Dictionary<string, object> { ["memory"] = 4096 } });

        refused.IsError.ShouldBe(true);
        ServerHarness.Text(refused).ShouldContain("scsi1 is a raw volume on nfs storage 'nas', where Proxmox snapshots only qcow2 VM disks");
        ServerHarness.Text(refused).ShouldContain("Nothing was changed");
        harness.Sandbox.Requests.Snapshot().ShouldAllBe(r => r.Method == "GET");
        made.IsError.ShouldNotBe(true, ServerHarness.Text(made));
        ServerHarness.Text(made).ShouldContain("Made without a safety snapshot: no safety snapshot: scsi1 is a raw volume on nfs storage 'nas'");
        bestEffort.Sandbox.Cluster.Guests[102].Config["memory"].ShouldBe("4096");
    }

    [Fact]
    public async Task A_failed_snapshot_changes_nothing_and_says_why()
    {
        await using var harness = await ServerHarness.StartAsync(Before(SnapshotTrigger.Config));
        harness.Sandbox.Faults.FailTasks("qmsnapshot", "zfs error: out of space");

        var result = await harness.CallAsync("set_vm_config", new { vmid = 101, options = new Dictionary<string, object> { ["memory"] = 6144 } });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain("changed nothing");
        ServerHarness.Text(result).ShouldContain("zfs error: out of space");
        harness.Sandbox.Requests.Snapshot().ShouldNotContain(r => r.Method == "PUT");
        harness.Sandbox.Cluster.Guests[101].Config["memory"].ShouldBe("4096");
    }

    [Fact]
    public async Task The_preview_lists_the_snapshot_and_the_confirmed_call_takes_it_under_its_own_time()
    {
        var user = new ScriptedUser();
        await using var harness = await ServerHarness.StartAsync(
            o => Before(SnapshotTrigger.Config)(o) with { Confirm = new ConfirmationRules { Tools = new HashSet<string> { "set_vm_config" } }, ConfirmTimeout = TimeSpan.FromSeconds(30) },
            client: user.ClientOptions());
        var arguments = new { vmid = 101, options = new Dictionary<string, object> { ["memory"] = 6144 } };

        var preview = await harness.CallAsync("preview", new { tool = "set_vm_config", arguments });
        await Task.Delay(1100, TestContext.Current.CancellationToken);
        var result = await harness.CallAsync("set_vm_config", arguments);

        var requests = preview.StructuredContent!.Value.GetProperty("requests").EnumerateArray().ToList();
        requests.Select(r => r.GetProperty("method").GetString() + " " + r.GetProperty("path").GetString()).ShouldBe(["POST /nodes/pve1/qemu/101/snapshot", "PUT /nodes/pve1/qemu/101/config"]);
        requests[1].GetProperty("parameters").EnumerateArray().Select(p => p.GetString()).ShouldContain("digest=(read when it runs)");
        ServerHarness.Text(preview).ShouldContain("Safety snapshot first: mcp_set_vm_config_");
        ServerHarness.Text(preview).ShouldContain("qm rollback 101 mcp_set_vm_config_");
        result.IsError.ShouldNotBe(true, ServerHarness.Text(result));
        user.Asked.ShouldHaveSingleItem().Message.ShouldContain("Safety snapshot first: mcp_set_vm_config_");
        harness.Sandbox.Cluster.Guests[101].Config["memory"].ShouldBe("6144");
    }

    [Theory]
    [InlineData("config,exec", "config,exec")]
    [InlineData("resize, best-effort", "resize,best-effort")]
    [InlineData("off", "")]
    public void The_setting_reads_the_changes_to_snapshot_before(string value, string expected)
    {
        var options = OptionsLoader.Load(Settings(("PROXMOX_SNAPSHOT_BEFORE", value), ("PROXMOX_SNAPSHOT_KEEP", "3")));

        options.Snapshots.ToString().ShouldBe(expected);
        options.Snapshots.Keep.ShouldBe(3);
    }

    [Theory]
    [InlineData("PROXMOX_SNAPSHOT_BEFORE", "config,always", "'always' is not one of config, resize, exec, best-effort")]
    [InlineData("PROXMOX_SNAPSHOT_BEFORE", "best-effort", "best-effort goes with the changes to snapshot before")]
    [InlineData("PROXMOX_SNAPSHOT_KEEP", "0", "PROXMOX_SNAPSHOT_KEEP '0' must be a whole number from 1 to 100")]
    public void A_bad_setting_stops_start_up_with_its_name(string name, string value, string expected)
    {
        var error = Should.Throw<ConfigurationException>(() => OptionsLoader.Load(Settings((name, value))));

        error.Message.ShouldContain(expected);
    }

    private static Dictionary<string, string> Settings(params (string Name, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["PROXMOX_HOST"] = "192.168.1.10",
            ["PROXMOX_USER"] = "mcp@pve",
            ["PROXMOX_TOKEN_NAME"] = "agent",
            ["PROXMOX_TOKEN_VALUE"] = "9f1c2b4e-0000-4000-8000-123456789abc",
        };
        foreach (var (name, value) in extra)
        {
            settings[name] = value;
        }
        return settings;
    }
}
