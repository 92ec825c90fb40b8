using System.Text.Json;
using ProxmoxMcp.Sandbox;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Tests.Diagnostics;

/// <summary>
/// cluster_health answers "is anything wrong?" in one call: on a cluster with nothing wrong it finds
/// nothing, and on a fault-injected one it finds every seeded problem, each with its severity, its node
/// or guest and the call that looks closer, and nothing else.
/// </summary>
public sealed class ClusterHealthTests
{
    [Fact]
    public async Task A_cluster_with_nothing_wrong_gets_no_finding()
    {
        await using var harness = await ServerHarness.StartAsync(sandboxOptions: HealthyCluster.Options);
        HealthyCluster.Apply(harness.Sandbox.Cluster);

        var result = await harness.CallAsync("cluster_health");

        result.IsError.ShouldNotBe(true, ServerHarness.Text(result));
        var report = result.StructuredContent!.Value;
        report.GetProperty("findings").GetArrayLength().ShouldBe(0, ServerHarness.Text(result));
        report.GetProperty("healthy").GetBoolean().ShouldBeTrue();
        foreach (var check in report.GetProperty("checks").EnumerateArray())
        {
            var name = check.GetProperty("name").GetString();
            check.GetProperty("outcome").GetString().ShouldBe(name == "ceph" ? "skipped" : "ok", $"{name}: {check}");
        }
        ServerHarness.Text(result).ShouldStartWith("healthy: 0 critical, 0 warning, 0 info");
    }

    [Fact]
    public async Task Every_seeded_problem_is_found_and_nothing_invented()
    {
        await using var harness = await ServerHarness.StartAsync(sandboxOptions: HealthyCluster.Options);
        var cluster = harness.Sandbox.Cluster;
        HealthyCluster.Apply(cluster);
        const long GiB = 1L << 30;
        lock (cluster.Sync)
        {
            // An offline node.
            cluster.FindNode("pve3")!.Online = false;
            // A full storage, growing 20 GiB a day: 90% of 800 GiB.
            var used = cluster.UsedBytes("pve1", "local-lvm");
            cluster.Volumes.Add(new StorageVolume("pve1", "local-lvm", "local-lvm:vm-9999-disk-0", "images", "raw", 720 * GiB - used, 9999, cluster.Now));
            cluster.StorageDailyGrowth[("pve1", "local-lvm")] = 20 * GiB;
            // A failed task, an hour ago.
            cluster.Tasks.Add(new SandboxTask("UPID:pve2:00004F01:0A1B2C3D:" + (cluster.Now.AddHours(-1).ToUnixTimeSeconds()).ToString("X8") + ":vzdump:203:root@pam:", "pve2", "vzdump", "203", "root@pam",
                cluster.Now.AddHours(-1), cluster.Now.AddHours(-1).AddMinutes(3), null) { Ended = cluster.Now.AddHours(-1).AddMinutes(3), ExitStatus = "job errors" });
            // A guest whose backups are gone, and one whose newest backup is ten days old.
            cluster.Volumes.RemoveAll(v => v.Content == "backup" && v.Vmid is 203 or 101);
            HealthyCluster.AddBackup(cluster, cluster.Guests[101], cluster.Now.AddDays(-10));
            // A certificate that expires in ten days.
            var pve2 = cluster.FindNode("pve2")!;
            var index = pve2.Certificates.FindIndex(c => c.FileName == "pve-ssl.pem");
            pve2.Certificates[index] = pve2.Certificates[index] with { NotAfter = cluster.Now.AddDays(10) };
            // An HA resource in error, Ceph warning, an update waiting, a guest agent that does not answer.
            cluster.HaResources.Single(r => r.Sid == "ct:201").State = "error";
            cluster.Ceph = new CephCluster { Health = "HEALTH_WARN" };
            cluster.Ceph.Checks.Add(("OSD_NEARFULL", "HEALTH_WARN", "1 nearfull osd(s)"));
            pve2.Packages[1] = pve2.Packages[1] with { Candidate = "9.1.4" };
            cluster.Guests[100].AgentRunning = false;
        }

        var result = await harness.CallAsync("cluster_health");

        result.IsError.ShouldNotBe(true, ServerHarness.Text(result));
        var report = result.StructuredContent!.Value;
        var found = report.GetProperty("findings").EnumerateArray().Select(f => (Check: f.GetProperty("check").GetString()!, Subject: f.GetProperty("subject").GetString()!, Finding: f)).ToList();
        found.Select(f => $"{f.Check}: {f.Subject}").Order(StringComparer.Ordinal).ShouldBe(new[]
        {
            "backups: VM 101 (homeassistant)",
            "backups: container 203 (gitea)",
            "ceph: Ceph",
            "certificates: certificate pve-ssl.pem on pve2",
            "guest_agents: VM 100 (docker)",
            "ha: HA resource ct:201",
            "nodes: node pve3",
            "storage: storage local-lvm on pve1",
            "tasks: task vzdump 203 on pve2",
            "updates: node pve2",
        }.Order(StringComparer.Ordinal), ServerHarness.Text(result));

        Finding("nodes").Severity().ShouldBe("critical");
        Finding("nodes").GetProperty("node").GetString().ShouldBe("pve3");
        Finding("nodes").GetProperty("next").GetString().ShouldBe("list_nodes");
        Finding("storage").Severity().ShouldBe("warning");
        Finding("storage").Message().ShouldContain("90% used (720 of 800 GiB)");
        Finding("storage").Message().ShouldContain("growing 20 GiB/day, full in about 4 days");
        Finding("tasks").Message().ShouldContain("job errors");
        Finding("tasks").GetProperty("vmid").GetInt32().ShouldBe(203);
        Finding("tasks").GetProperty("next").GetString()!.ShouldStartWith("task_status upid=UPID:pve2:00004F01:");
        found.Single(f => f.Subject.Contains("203", StringComparison.Ordinal) && f.Check == "backups").Finding.Message().ShouldContain("no backup found, and no backup job covers it");
        found.Single(f => f.Subject.Contains("101", StringComparison.Ordinal)).Finding.Message().ShouldContain("last backup 10 days ago");
        Finding("certificates").Message().ShouldContain("expires in 9 days");
        Finding("certificates").GetProperty("next").GetString().ShouldBe("node_diagnostics node=pve2 aspect=certificates");
        Finding("ha").Severity().ShouldBe("critical");
        Finding("ceph").Message().ShouldBe("HEALTH_WARN: 1 nearfull osd(s)");
        Finding("updates").Severity().ShouldBe("info");
        Finding("updates").Message().ShouldContain("pve-manager 9.1.3 -> 9.1.4");
        Finding("guest_agents").Message().ShouldContain("QEMU guest agent is not running");
        Finding("guest_agents").GetProperty("next").GetString().ShouldBe("guest_details vmid=100 aspect=agent");

        report.GetProperty("critical").GetInt32().ShouldBe(2);
        report.GetProperty("warnings").GetInt32().ShouldBe(7);
        report.GetProperty("info").GetInt32().ShouldBe(1);
        report.GetProperty("healthy").GetBoolean().ShouldBeFalse();
        var text = ServerHarness.Text(result);
        text.Split('\n')[1].ShouldStartWith("critical ");
        text.ShouldContain("warning storage local-lvm on pve1: 90% used");
        text.ShouldContain("-> task_status upid=UPID:pve2:00004F01:");

        JsonElement Finding(string check) => found.Single(f => f.Check == check).Finding;
    }

    [Fact]
    public async Task Long_lists_are_cut_per_check_and_counted_in_full()
    {
        await using var harness = await ServerHarness.StartAsync(sandboxOptions: HealthyCluster.Options with { ExtraGuests = 30 });
        HealthyCluster.Apply(harness.Sandbox.Cluster);
        lock (harness.Sandbox.Cluster.Sync)
        {
            harness.Sandbox.Cluster.Volumes.RemoveAll(v => v.Content == "backup" && v.Vmid >= 10_000);
        }

        var report = (await harness.CallAsync("cluster_health", new { backup_days = 3 })).StructuredContent!.Value;

        var backups = report.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("check").GetString() == "backups").ToList();
        backups.Count.ShouldBe(11);
        backups[^1].GetProperty("subject").GetString().ShouldBe("20 more");
        report.GetProperty("warnings").GetInt32().ShouldBe(30);
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "backups").GetProperty("findings").GetInt32().ShouldBe(30);
    }

    [Fact]
    public async Task A_check_that_cannot_read_fails_alone_and_says_why()
    {
        await using var harness = await ServerHarness.StartAsync(sandboxOptions: HealthyCluster.Options);
        HealthyCluster.Apply(harness.Sandbox.Cluster);
        harness.Sandbox.Faults.Fail("^/cluster/ha/status/current$", 500, "cfs-lock 'domain-ha' error: got lock request timeout");
        harness.Sandbox.Faults.Fail("^/nodes/pve2/certificates/info$", 595, "No route to host");

        var report = (await harness.CallAsync("cluster_health")).StructuredContent!.Value;

        var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        checks["ha"].GetProperty("outcome").GetString().ShouldBe("failed");
        checks["ha"].GetProperty("note").GetString()!.ShouldContain("got lock request timeout");
        checks["certificates"].GetProperty("outcome").GetString().ShouldBe("ok");
        checks["certificates"].GetProperty("note").GetString()!.ShouldContain("not read: pve2");
        report.GetProperty("findings").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task What_the_token_may_not_read_is_said_not_guessed()
    {
        // The sandbox's read-only token has no VM.GuestAgent.Audit: it cannot ask a guest agent anything.
        await using var harness = await ServerHarness.StartAsync(sandboxOptions: HealthyCluster.Options, token: tokens => tokens.ReadOnly);
        HealthyCluster.Apply(harness.Sandbox.Cluster);
        lock (harness.Sandbox.Cluster.Sync)
        {
            harness.Sandbox.Cluster.Guests[100].AgentRunning = false;
        }

        var report = (await harness.CallAsync("cluster_health")).StructuredContent!.Value;

        report.GetProperty("findings").GetArrayLength().ShouldBe(0);
        var agents = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "guest_agents");
        agents.GetProperty("note").GetString()!.ShouldContain("could not check VM 100 (the token lacks VM.GuestAgent.Audit)");
    }

    [Fact]
    public async Task The_default_sandbox_shows_what_it_seeds()
    {
        await using var harness = await ServerHarness.StartAsync();

        var result = await harness.CallAsync("cluster_health");

        var subjects = result.StructuredContent!.Value.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("subject").GetString()).ToList();
        subjects.ShouldContain("node pve3");
        subjects.ShouldContain("VM 103 (k3s-server)");
        subjects.ShouldContain("node pve1");
        subjects.ShouldNotContain("VM 100 (docker)");
    }
}

internal static class FindingJson
{
    public static string? Severity(this JsonElement finding) => finding.GetProperty("severity").GetString();

    public static string Message(this JsonElement finding) => finding.GetProperty("message").GetString()!;
}
