using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Tests.Tools;

/// <summary>Tier A through the real MCP client against the sandbox; every success is checked against its output schema.</summary>
public sealed class InventoryToolsTests : IAsyncLifetime
{
    private ServerHarness _harness = null!;

    public async ValueTask InitializeAsync() => _harness = await ServerHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Every_tier_A_and_B_tool_is_listed_with_its_annotations()
    {
        var tools = (await _harness.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).ToDictionary(t => t.Name, t => t.ProtocolTool);

        string[] read = ["list_nodes", "node_status", "cluster_resources", "list_vms", "list_containers", "vm_status", "container_status", "vm_config",
            "container_config", "list_storage", "list_templates", "next_vmid", "list_tasks", "task_status", "list_snapshots", "storage_content", "guest_network", "proxmox_api_get"];
        string[] power = ["start_vm", "stop_vm", "shutdown_vm", "reboot_vm", "start_container", "stop_container", "shutdown_container", "reboot_container", "suspend_vm", "resume_vm"];
        foreach (var name in read)
        {
            tools[name].Annotations!.ReadOnlyHint.ShouldBe(true, name);
        }
        foreach (var name in power)
        {
            tools[name].Annotations!.ReadOnlyHint.ShouldNotBe(true, name);
            tools[name].Annotations!.DestructiveHint.ShouldBe(false, name);
            tools[name].Annotations!.IdempotentHint.ShouldBe(true, name);
        }
        tools.Values.ShouldAllBe(t => t.OutputSchema != null && t.Description!.Length > 20);
    }

    [Fact]
    public async Task A_large_listing_costs_at_most_64_bytes_of_text_per_guest()
    {
        await using var harness = await ServerHarness.StartAsync(sandboxOptions: new ProxmoxMcp.Sandbox.SandboxOptions { ExtraGuests = 2000 });

        foreach (var (tool, arguments) in new (string, object)[] { ("list_vms", new { limit = 5000 }), ("list_containers", new { limit = 5000 }), ("cluster_resources", new { limit = 5000 }) })
        {
            var result = await harness.CallAsync(tool, arguments);
            var structured = Structured(result);
            var listed = (structured.TryGetProperty("guests", out var guests) ? guests : structured.GetProperty("resources")).GetArrayLength();
            var bytes = System.Text.Encoding.UTF8.GetByteCount(ServerHarness.Text(result));

            listed.ShouldBeGreaterThan(500, tool);
            (bytes / (double)listed).ShouldBeLessThanOrEqualTo(64, tool);
        }
    }

    [Fact]
    public async Task List_vms_and_containers_with_filters_and_an_offline_node()
    {
        var vms = await _harness.CallAsync("list_vms");
        var guests = Structured(vms).GetProperty("guests").EnumerateArray().ToList();
        guests.Select(g => g.GetProperty("vmid").GetInt32()).ShouldBe([100, 101, 102, 103, 104, 9000]);
        guests.Single(g => g.GetProperty("vmid").GetInt32() == 104).GetProperty("status").GetString().ShouldBe("unknown");
        Structured(vms).GetProperty("offline_nodes")[0].GetString().ShouldBe("pve3");
        var text = ServerHarness.Text(vms);
        text.ShouldStartWith("total=6 shown=6 truncated=false offline_nodes=[pve3]\nvmid name type node status");
        text.ShouldContain("\n100 docker vm pve1 running 16 4 4915/8192 64 3h docker;prod\n");
        text.ShouldContain("\n9000 ");
        text.Split('\n').Single(l => l.StartsWith("9000 ", StringComparison.Ordinal)).ShouldContain(" template ");

        var running = Structured(await _harness.CallAsync("list_containers", new { status = "running", node = "pve1" })).GetProperty("guests");
        running.EnumerateArray().Select(g => g.GetProperty("name").GetString()).ShouldBe(["pihole", "nginx"]);

        var tagged = Structured(await _harness.CallAsync("list_containers", new { tag = "prod" })).GetProperty("guests");
        tagged.EnumerateArray().Select(g => g.GetProperty("vmid").GetInt32()).ShouldBe([201, 202]);

        var named = Structured(await _harness.CallAsync("list_vms", new { name = "HOME", include_templates = false })).GetProperty("guests");
        named.GetArrayLength().ShouldBe(1);

        var limited = Structured(await _harness.CallAsync("list_vms", new { limit = 2 }));
        limited.GetProperty("guests").GetArrayLength().ShouldBe(2);
        limited.GetProperty("truncated").GetBoolean().ShouldBeTrue();
        limited.GetProperty("total").GetInt32().ShouldBe(6);
    }

    [Fact]
    public async Task Cluster_resources_and_node_status()
    {
        var all = Structured(await _harness.CallAsync("cluster_resources"));
        all.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("type").GetString()).Distinct().Order().ShouldBe(["container", "node", "storage", "vm"]);

        var stopped = Structured(await _harness.CallAsync("cluster_resources", new { type = "vm", status = "stopped" }));
        stopped.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("vmid").GetInt32()).ShouldBe([102, 9000]);

        var node = Structured(await _harness.CallAsync("node_status", new { node = "pve1" }));
        node.GetProperty("cores").GetInt32().ShouldBe(16);
        node.GetProperty("running_guests").GetInt32().ShouldBe(4);
        node.GetProperty("load_average").GetArrayLength().ShouldBe(3);

        var offline = await _harness.CallAsync("node_status", new { node = "pve3" });
        offline.IsError.ShouldBe(true);
        ServerHarness.Text(offline).ShouldContain("Node pve3 is offline");
    }

    [Fact]
    public async Task Status_and_config_find_the_node_from_the_vmid()
    {
        var status = Structured(await _harness.CallAsync("vm_status", new { vmid = 100 }));
        status.GetProperty("node").GetString().ShouldBe("pve1");
        status.GetProperty("status").GetString().ShouldBe("running");
        status.GetProperty("guest_agent").GetBoolean().ShouldBeTrue();

        var container = Structured(await _harness.CallAsync("container_status", new { vmid = 202 }));
        container.GetProperty("status").GetString().ShouldBe("stopped");
        container.GetProperty("node").GetString().ShouldBe("pve2");

        var config = Structured(await _harness.CallAsync("vm_config", new { vmid = 9000 }));
        config.GetProperty("options").GetProperty("ciuser").GetString().ShouldBe("debian");
        config.GetProperty("digest").GetString()!.Length.ShouldBe(40);

        var snapshotConfig = Structured(await _harness.CallAsync("container_config", new { vmid = 200, snapshot = "clean_install" }));
        snapshotConfig.GetProperty("options").GetProperty("hostname").GetString().ShouldBe("pihole");
    }

    [Fact]
    public async Task Storage_templates_content_and_next_vmid()
    {
        var storage = Structured(await _harness.CallAsync("list_storage"));
        storage.GetProperty("storages").GetArrayLength().ShouldBe(4);
        storage.GetProperty("offline_nodes")[0].GetString().ShouldBe("pve3");

        var templates = Structured(await _harness.CallAsync("list_templates", new { node = "pve1" })).GetProperty("templates").EnumerateArray().ToList();
        templates.ShouldContain(t => t.GetProperty("id").GetString() == "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst");
        templates.ShouldContain(t => t.GetProperty("kind").GetString() == "vm_template" && t.GetProperty("id").GetString() == "9000");

        var backups = Structured(await _harness.CallAsync("storage_content", new { storage = "local", content = "backup" }));
        backups.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("content").GetString() == "backup");
        backups.GetProperty("node").GetString().ShouldBe("pve1");

        Structured(await _harness.CallAsync("next_vmid")).GetProperty("vmid").GetInt32().ShouldBe(105);
    }

    [Fact]
    public async Task Snapshots_tasks_and_network()
    {
        var snapshots = Structured(await _harness.CallAsync("list_snapshots", new { vmid = 100 }));
        snapshots.GetProperty("snapshots")[0].GetProperty("name").GetString().ShouldBe("before_upgrade");
        snapshots.GetProperty("current_parent").GetString().ShouldBe("before_upgrade");

        var tasks = Structured(await _harness.CallAsync("list_tasks", new { errors_only = true }));
        tasks.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("status").GetString()).ShouldContain("startup for container '202' failed");
        var nodeTasks = Structured(await _harness.CallAsync("list_tasks", new { node = "pve1", vmid = 100 }));
        nodeTasks.GetProperty("tasks").GetArrayLength().ShouldBeGreaterThan(0);

        var network = Structured(await _harness.CallAsync("guest_network", new { vmid = 201 }));
        network.GetProperty("interfaces")[0].GetProperty("ipv4")[0].GetString()!.ShouldEndWith("/24");
        var vmNetwork = Structured(await _harness.CallAsync("guest_network", new { vmid = 100 }));
        vmNetwork.GetProperty("source").GetString().ShouldBe("qemu guest agent");

        var noAgent = await _harness.CallAsync("guest_network", new { vmid = 103 });
        noAgent.IsError.ShouldBe(true);
        ServerHarness.Text(noAgent).ShouldContain("QEMU guest agent is not running");
        var stopped = await _harness.CallAsync("guest_network", new { vmid = 102 });
        ServerHarness.Text(stopped).ShouldContain("is not running");
    }

    [Fact]
    public async Task Task_status_waits_and_returns_the_log()
    {
        var upid = Structured(await _harness.CallAsync("start_vm", new { vmid = 102, wait = false })).GetProperty("upid").GetString()!;

        var report = Structured(await _harness.CallAsync("task_status", new { upid, wait = true, timeout_seconds = 30 }));

        report.GetProperty("status").GetString().ShouldBe("stopped");
        report.GetProperty("exit_status").GetString().ShouldBe("OK");
        report.GetProperty("succeeded").GetBoolean().ShouldBeTrue();
        report.GetProperty("log").EnumerateArray().Last().GetString().ShouldBe("TASK OK");
    }

    [Fact]
    public async Task Api_get_reads_any_path_and_refuses_everything_else()
    {
        var version = Structured(await _harness.CallAsync("proxmox_api_get", new { path = "/version" }));
        version.GetProperty("data").GetProperty("version").GetString().ShouldBe("9.1.3");
        var withQuery = Structured(await _harness.CallAsync("proxmox_api_get", new { path = "api2/json/nodes/pve1/network", @params = new Dictionary<string, string> { ["type"] = "bridge" } }));
        withQuery.GetProperty("path").GetString().ShouldBe("/nodes/pve1/network");

        _harness.Sandbox.Requests.Clear();
        foreach (var path in new[] { "https://evil.example/api2/json/version", "/nodes/../access/users", "/nodes/pve1/qemu?delete=1", "/nodes/%2e%2e/x", "\\\\host\\share", "/nodes/pve1\n/qemu" })
        {
            var refused = await _harness.CallAsync("proxmox_api_get", new { path });
            refused.IsError.ShouldBe(true, path);
        }
        _harness.Sandbox.Requests.Snapshot().ShouldBeEmpty();
    }

    private static JsonElement Structured(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true, ServerHarness.Text(result));
        return result.StructuredContent!.Value;
    }
}
