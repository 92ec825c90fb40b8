using System.Text.Json;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Tests.Diagnostics;

/// <summary>
/// node_diagnostics, cluster_overview and guest_details, every aspect through the real MCP client against
/// the sandbox; each success is checked against the tool's output schema and each request against the
/// official API schema by the harness.
/// </summary>
public sealed class DiagnosticsToolsTests : IAsyncLifetime
{
    private ServerHarness _harness = null!;

    public async ValueTask InitializeAsync() => _harness = await ServerHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private SandboxCluster Cluster => _harness.Sandbox.Cluster;

    [Fact]
    public async Task Syslog_reads_the_newest_journal_lines_or_a_time_range()
    {
        var newest = await Call("node_diagnostics", new { node = "pve1", aspect = "syslog", limit = 5 });
        newest.GetProperty("lines").GetArrayLength().ShouldBe(5);
        newest.GetProperty("lines").EnumerateArray().ShouldAllBe(l => !l.GetString()!.StartsWith("s=", StringComparison.Ordinal));
        _harness.Sandbox.Requests.Snapshot().ShouldContain(r => r.Path == "/nodes/pve1/journal" && r.Parameters.Contains(new KeyValuePair<string, string>("lastentries", "5")));

        var range = await Call("node_diagnostics", new { node = "pve1", aspect = "syslog", since = "2h", until = "30m", limit = 500 });
        range.GetProperty("total").GetInt32().ShouldBeInRange(8, 10);
        range.GetProperty("truncated").GetBoolean().ShouldBeFalse();

        var cut = await Call("node_diagnostics", new { node = "pve1", aspect = "syslog", since = DateTimeOffset.UtcNow.AddDays(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), limit = 10 });
        cut.GetProperty("total").GetInt32().ShouldBe(144);
        cut.GetProperty("truncated").GetBoolean().ShouldBeTrue();
        cut.GetProperty("hint").GetString()!.ShouldContain("134 older lines left out");
        var text = ServerHarness.Text(await _harness.CallAsync("node_diagnostics", new { node = "pve1", aspect = "syslog", limit = 3 }));
        text.Split('\n').Length.ShouldBe(4);
        text.Split('\n')[1].ShouldContain(" pve1 ");
    }

    [Fact]
    public async Task Bad_node_aspect_and_time_arguments_are_explained()
    {
        ServerHarness.Text(await _harness.CallAsync("node_diagnostics", new { node = "pve3", aspect = "disks" })).ShouldContain("offline");
        ServerHarness.Text(await _harness.CallAsync("node_diagnostics", new { node = "pve9", aspect = "disks" })).ShouldContain("no node named 'pve9'");
        ServerHarness.Text(await _harness.CallAsync("node_diagnostics", new { node = "pve1", aspect = "syslog", since = "yesterday" })).ShouldContain("'since'");
        ServerHarness.Text(await _harness.CallAsync("node_diagnostics", new { node = "pve1", aspect = "syslog", since = "1h", until = "2h" })).ShouldContain("after 'until'");
        ServerHarness.Text(await _harness.CallAsync("node_diagnostics", new { node = "pve1", aspect = "disks", since = "1h" })).ShouldContain("aspect=syslog only");
        ServerHarness.Text(await _harness.CallAsync("node_diagnostics", new { node = "pve1", aspect = "smart" })).ShouldContain("'aspect'");
        _harness.Sandbox.Requests.Snapshot().ShouldNotContain(r => r.Path.Contains("journal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Updates_disks_zfs_network_services_certificates_and_subscription()
    {
        lock (Cluster.Sync)
        {
            var pve1 = Cluster.FindNode("pve1")!;
            pve1.ZfsPools.Add(new ZfsPool("backup", 1000L << 30, 900L << 30, "DEGRADED", "resilvered 12G in 00:10:00", "No known data errors",
                [new ZfsVdev("sdb", "ONLINE", 0, 0, 0), new ZfsVdev("sdc", "FAULTED", 3, 0, 12, "too many errors")])
            { Status = "One or more devices are faulted in response to persistent errors.", Action = "Replace the faulted device." });
            pve1.Services.Add(new NodeService("pve-ha-lrm-broken", "a failed unit", "failed", "failed", "enabled"));
            pve1.Subscription = new NodeSubscription("active", "", Key: "pve2c-0123456789", Level: "c", ProductName: "Proxmox VE Community Subscription 2 CPUs/year", NextDueDate: "2027-01-10");
        }

        var updates = await Call("node_diagnostics", new { node = "pve1", aspect = "updates" });
        updates.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("package").GetString()).ShouldBe(["pve-manager", "qemu-server"]);
        updates.GetProperty("updates")[0].GetProperty("available").GetString().ShouldBe("9.1.4");
        (await Call("node_diagnostics", new { node = "pve2", aspect = "updates" })).GetProperty("updates").GetArrayLength().ShouldBe(0);

        var disks = (await Call("node_diagnostics", new { node = "pve1", aspect = "disks" })).GetProperty("disks");
        disks[0].GetProperty("device").GetString().ShouldBe("/dev/nvme0n1");
        disks[0].GetProperty("health").GetString().ShouldBe("PASSED");
        disks[0].GetProperty("life_left_percent").GetInt32().ShouldBe(96);
        disks[1].TryGetProperty("life_left_percent", out _).ShouldBeFalse();

        var pools = (await Call("node_diagnostics", new { node = "pve1", aspect = "zfs" })).GetProperty("zfs_pools").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        pools["tank"].GetProperty("health").GetString().ShouldBe("ONLINE");
        pools["tank"].GetProperty("devices").GetArrayLength().ShouldBe(0);
        pools["backup"].GetProperty("health").GetString().ShouldBe("DEGRADED");
        pools["backup"].GetProperty("used_percent").GetDouble().ShouldBe(90);
        pools["backup"].GetProperty("devices").EnumerateArray().Select(d => d.GetString()).ShouldBe(["sdc FAULTED read=3 write=0 cksum=12 (too many errors)"]);
        pools["backup"].GetProperty("action").GetString().ShouldBe("Replace the faulted device.");

        var interfaces = (await Call("node_diagnostics", new { node = "pve1", aspect = "network" })).GetProperty("interfaces").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        interfaces["vmbr0"].GetProperty("address").GetString().ShouldBe("192.168.1.11/24");
        interfaces["vmbr0"].GetProperty("ports").GetString().ShouldBe("enp1s0");

        var services = (await Call("node_diagnostics", new { node = "pve1", aspect = "services", limit = 3 }));
        services.GetProperty("services")[0].GetProperty("name").GetString().ShouldBe("pve-ha-lrm-broken");
        services.GetProperty("truncated").GetBoolean().ShouldBeTrue();
        services.GetProperty("hint").GetString()!.ShouldContain("12 more");

        var certificates = (await Call("node_diagnostics", new { node = "pve2", aspect = "certificates" })).GetProperty("certificates");
        certificates[0].GetProperty("file").GetString().ShouldBe("pve-ssl.pem");
        certificates[0].GetProperty("days_left").GetInt32().ShouldBeInRange(328, 330);
        certificates[0].GetProperty("names").EnumerateArray().Select(n => n.GetString()).ShouldContain("pve2.lan");

        var result = await _harness.CallAsync("node_diagnostics", new { node = "pve1", aspect = "subscription" });
        var subscription = result.StructuredContent!.Value.GetProperty("subscription");
        subscription.GetProperty("status").GetString().ShouldBe("active");
        subscription.GetProperty("level").GetString().ShouldBe("c");
        (ServerHarness.Text(result) + result.StructuredContent).ShouldNotContain("pve2c-0123456789");
    }

    [Fact]
    public async Task Cluster_status_log_ha_replication_pools_and_sdn()
    {
        var status = await Call("cluster_overview", new { aspect = "status" });
        status.GetProperty("cluster_name").GetString().ShouldBe("homelab");
        status.GetProperty("quorate").GetBoolean().ShouldBeTrue();
        var nodes = status.GetProperty("nodes").EnumerateArray().ToList();
        nodes.Select(n => n.GetProperty("name").GetString()).ShouldBe(["pve1", "pve2", "pve3"]);
        nodes[0].GetProperty("version").GetString().ShouldBe("9.1.3");
        nodes[2].GetProperty("online").GetBoolean().ShouldBeFalse();
        nodes[2].TryGetProperty("version", out _).ShouldBeFalse();

        var log = await Call("cluster_overview", new { aspect = "log", limit = 4 });
        var lines = log.GetProperty("log").EnumerateArray().ToList();
        lines.Count.ShouldBe(4);
        lines.Select(l => l.GetProperty("time").GetDateTimeOffset()).ShouldBeInOrder(SortDirection.Descending);
        log.GetProperty("hint").GetString()!.ShouldContain("raise limit");
        _harness.Sandbox.Requests.Snapshot().ShouldContain(r => r.Path == "/cluster/log" && r.Parameters.Contains(new KeyValuePair<string, string>("max", "4")));

        var ha = await Call("cluster_overview", new { aspect = "ha" });
        ha.GetProperty("ha_resources").EnumerateArray().Select(r => r.GetProperty("sid").GetString()).ShouldBe(["ct:201", "vm:100"]);
        ha.GetProperty("ha_resources")[1].GetProperty("comment").GetString().ShouldBe("docker host");
        ha.GetProperty("ha_manager").GetString()!.ShouldStartWith("pve1 (active");

        lock (Cluster.Sync)
        {
            var job = Cluster.ReplicationJobs[0];
            job.FailCount = 2;
            job.Error = "command 'zfs send' failed: exit code 1";
        }
        var replication = (await Call("cluster_overview", new { aspect = "replication" })).GetProperty("replication")[0];
        replication.GetProperty("id").GetString().ShouldBe("100-0");
        replication.GetProperty("source").GetString().ShouldBe("pve1");
        replication.GetProperty("target").GetString().ShouldBe("pve2");
        replication.GetProperty("fail_count").GetInt32().ShouldBe(2);
        replication.GetProperty("error").GetString()!.ShouldContain("zfs send");
        replication.TryGetProperty("last_sync", out _).ShouldBeTrue();

        var pools = (await Call("cluster_overview", new { aspect = "pools" })).GetProperty("pools").EnumerateArray().ToDictionary(p => p.GetProperty("pool").GetString()!);
        pools["prod"].GetProperty("guests").EnumerateArray().Select(g => g.GetInt32()).ShouldBe([100, 201, 202]);

        var sdn = await Call("cluster_overview", new { aspect = "sdn" });
        sdn.GetProperty("sdn_zones")[0].GetProperty("zone").GetString().ShouldBe("lab");
        sdn.GetProperty("sdn_vnets")[0].GetProperty("tag").GetInt32().ShouldBe(20);
        sdn.GetProperty("sdn_subnets")[0].GetProperty("cidr").GetString().ShouldBe("10.20.0.0/24");
        sdn.GetProperty("sdn_subnets")[0].GetProperty("snat").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Ceph_before_and_after_it_is_installed()
    {
        (await Call("cluster_overview", new { aspect = "ceph" })).GetProperty("hint").GetString()!.ShouldContain("not installed");

        lock (Cluster.Sync)
        {
            var ceph = new CephCluster { Health = "HEALTH_WARN" };
            ceph.Checks.Add(("OSD_DOWN", "HEALTH_WARN", "1 osds down"));
            ceph.Osds.Add(new CephOsd(0, "pve1", true, true, 0.41));
            ceph.Osds.Add(new CephOsd(1, "pve2", false, false, 0.38));
            ceph.Pools.Add(new CephPool(1, "vm-pool", 3, 2, 128, 200L << 30, 0.12));
            Cluster.Ceph = ceph;
        }
        var report = await Call("cluster_overview", new { aspect = "ceph" });
        report.GetProperty("ceph_health").GetString().ShouldBe("HEALTH_WARN");
        report.GetProperty("ceph_checks")[0].GetString().ShouldBe("OSD_DOWN (HEALTH_WARN): 1 osds down");
        var osds = report.GetProperty("osds").EnumerateArray().ToList();
        osds[0].GetProperty("id").GetString().ShouldBe("osd.1");
        osds[0].GetProperty("up").GetBoolean().ShouldBeFalse();
        osds[0].GetProperty("host").GetString().ShouldBe("pve2");
        osds[1].GetProperty("used_percent").GetDouble().ShouldBe(41);
        report.GetProperty("ceph_pools")[0].GetProperty("used_percent").GetDouble().ShouldBe(12);
        report.GetProperty("hint").GetString()!.ShouldContain("1 OSD(s) down or out");
    }

    [Fact]
    public async Task Backup_jobs_access_and_firewall_never_show_secrets()
    {
        var backups = await Call("cluster_overview", new { aspect = "backup_jobs", limit = 3 });
        var jobs = backups.GetProperty("backup_jobs").EnumerateArray().ToDictionary(j => j.GetProperty("id").GetString()!);
        jobs["backup-nightly"].GetProperty("covers").GetString().ShouldBe("guests 100,200");
        jobs["backup-nightly"].GetProperty("next_run").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        jobs["backup-lab-weekly"].GetProperty("enabled").GetBoolean().ShouldBeFalse();
        jobs["backup-lab-weekly"].GetProperty("covers").GetString().ShouldBe("pool lab");
        backups.GetProperty("not_in_backup_jobs").GetArrayLength().ShouldBe(3);
        backups.GetProperty("truncated").GetBoolean().ShouldBeTrue();
        backups.GetProperty("hint").GetString()!.ShouldContain("9 guests are in no backup job");

        var result = await _harness.CallAsync("cluster_overview", new { aspect = "access" });
        var access = result.StructuredContent!.Value;
        var tokens = access.GetProperty("tokens").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        tokens["root@pam!mcp"].GetProperty("privilege_separated").GetBoolean().ShouldBeFalse();
        tokens["mcp@pve!agent"].GetProperty("privilege_separated").GetBoolean().ShouldBeTrue();
        tokens["audit@pve!read"].GetProperty("expires").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddDays(100));
        tokens["audit@pve!read"].GetProperty("expired").GetBoolean().ShouldBeFalse();
        access.GetProperty("acls").EnumerateArray().Select(a => a.GetProperty("role").GetString()).ShouldContain("PVEAuditor");
        access.GetProperty("hint").GetString()!.ShouldContain("without privilege separation");
        var everything = ServerHarness.Text(result) + access.GetRawText();
        foreach (var token in _harness.Sandbox.Tokens.All)
        {
            everything.ShouldNotContain(token.Secret);
        }

        var firewall = await Call("cluster_overview", new { aspect = "firewall" });
        firewall.GetProperty("firewall_options").GetProperty("policy_in").GetString().ShouldBe("DROP");
        firewall.GetProperty("firewall_rules")[1].GetProperty("dport").GetString().ShouldBe("8006");
        firewall.TryGetProperty("hint", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_read_that_fails_first_does_not_leave_the_others_on_the_wire()
    {
        // VM 103's agent is not running: get-osinfo fails at once while get-fsinfo is held. The call
        // answers only after get-fsinfo has ended, so nothing it sent arrives after its answer.
        var held = _harness.Sandbox.Faults.Hold("/agent/get-fsinfo$");
        var call = _harness.CallAsync("guest_details", new { vmid = 103, aspect = "agent" });
        await held.Arrived.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); !_harness.Sandbox.Requests.Snapshot().Any(r => r.Path.EndsWith("/agent/get-osinfo", StringComparison.Ordinal));)
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "get-osinfo never reached the sandbox");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        // A call that did not wait would answer now, with get-osinfo's error.
        (await Task.WhenAny(call, Task.Delay(500, TestContext.Current.CancellationToken))).ShouldNotBe(call);
        held.Release();
        ServerHarness.Text(await call).ShouldContain("QEMU guest agent is not running");
        _harness.Sandbox.Requests.Snapshot().ShouldContain(r => r.Path.EndsWith("/agent/get-fsinfo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Guest_firewall_agent_usage_and_pending_changes()
    {
        var firewall = await Call("guest_details", new { vmid = 100, aspect = "firewall" });
        firewall.GetProperty("firewall_rules").GetArrayLength().ShouldBe(3);
        firewall.GetProperty("ip_sets")[0].GetProperty("entries").EnumerateArray().Select(e => e.GetString()).ShouldBe(["192.168.1.10 (laptop)", "192.168.1.0/28"]);
        (await Call("guest_details", new { vmid = 202, aspect = "firewall" })).GetProperty("hint").GetString()!.ShouldContain("disabled");

        var agent = await Call("guest_details", new { vmid = 100, aspect = "agent" });
        agent.GetProperty("os").GetString().ShouldBe("Debian GNU/Linux 12 (bookworm)");
        agent.GetProperty("file_systems")[0].GetProperty("mountpoint").GetString().ShouldBe("/");
        agent.GetProperty("users")[0].GetProperty("user").GetString().ShouldBe("root");
        _harness.Sandbox.Requests.Snapshot().Where(r => r.Path.Contains("/agent/", StringComparison.Ordinal)).Select(r => r.Path.Split('/')[^1]).Distinct()
            .Order(StringComparer.Ordinal).ShouldBe(["get-fsinfo", "get-osinfo", "get-users"]);
        ServerHarness.Text(await _harness.CallAsync("guest_details", new { vmid = 200, aspect = "agent" })).ShouldContain("containers have no guest agent");
        ServerHarness.Text(await _harness.CallAsync("guest_details", new { vmid = 102, aspect = "agent" })).ShouldContain("is stopped");
        ServerHarness.Text(await _harness.CallAsync("guest_details", new { vmid = 103, aspect = "agent" })).ShouldContain("QEMU guest agent is not running");

        var usage = await Call("guest_details", new { vmid = 100, aspect = "rrd", timeframe = "day" });
        usage.GetProperty("timeframe").GetString().ShouldBe("day");
        usage.GetProperty("samples").GetInt32().ShouldBeGreaterThan(0);
        var metrics = usage.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        metrics.Keys.ShouldBe(["cpu", "memory", "disk_read", "disk_write", "net_in", "net_out"], ignoreOrder: true);
        metrics["cpu"].GetProperty("unit").GetString().ShouldBe("%");
        metrics["cpu"].GetProperty("max").GetDouble().ShouldBeGreaterThanOrEqualTo(metrics["cpu"].GetProperty("average").GetDouble());
        _harness.Sandbox.Requests.Snapshot().ShouldContain(r => r.Path == "/nodes/pve1/qemu/100/rrddata" && r.Parameters.Contains(new KeyValuePair<string, string>("timeframe", "day")));
        var stopped = await Call("guest_details", new { vmid = 102, aspect = "rrd" });
        stopped.GetProperty("samples").GetInt32().ShouldBe(0);
        stopped.GetProperty("hint").GetString()!.ShouldContain("not running");

        var pending = await Call("guest_details", new { vmid = 100, aspect = "pending" });
        var change = pending.GetProperty("pending")[0];
        change.GetProperty("key").GetString().ShouldBe("memory");
        change.GetProperty("current").GetString().ShouldBe("8192");
        change.GetProperty("pending").GetString().ShouldBe("12288");
        (await Call("guest_details", new { vmid = 200, aspect = "pending" })).GetProperty("pending").GetArrayLength().ShouldBe(0);
        ServerHarness.Text(await _harness.CallAsync("guest_details", new { vmid = 104, aspect = "pending" })).ShouldContain("offline");
    }

    [Fact]
    public async Task Proxmox_api_get_cannot_read_what_only_the_diagnostics_tools_may()
    {
        foreach (var path in new[] { "/nodes/pve1/journal", "/nodes/pve1/subscription", "/nodes/pve1/qemu/100/agent/get-fsinfo", "/nodes/pve1/qemu/100/agent/get-users" })
        {
            var result = await _harness.CallAsync("proxmox_api_get", new { path });
            result.IsError.ShouldBe(true, path);
            ServerHarness.Text(result).ShouldContain("proxmox_api_get reads only");
        }
        _harness.Sandbox.Requests.Snapshot().ShouldNotContain(r => r.Path.EndsWith("/journal", StringComparison.Ordinal) || r.Path.EndsWith("/subscription", StringComparison.Ordinal));
    }

    private async Task<JsonElement> Call(string tool, object arguments)
    {
        var result = await _harness.CallAsync(tool, arguments);
        result.IsError.ShouldNotBe(true, $"{tool}: {ServerHarness.Text(result)}");
        return result.StructuredContent!.Value;
    }
}
