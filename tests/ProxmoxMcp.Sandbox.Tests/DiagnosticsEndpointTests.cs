using System.Net;
using ProxmoxMcp.Sandbox.State;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Sandbox.Tests;

/// <summary>
/// The reads an administrator checks (node journal, packages, disks, ZFS, services, certificates, subscription;
/// cluster log, HA, Ceph, replication, backup jobs, SDN, users and tokens, ACLs, firewalls; a guest's pending
/// changes, usage history and guest agent reads): each answers in the shape the official 9.1.3 schema declares.
/// </summary>
public sealed class DiagnosticsEndpointTests : SandboxTest
{
    public static TheoryData<string, string?> Reads => new()
    {
        { "/nodes/pve1/version", null },
        { "/nodes/pve1/journal", "lastentries=20" },
        { "/nodes/pve1/journal", "since=0" },
        { "/nodes/pve1/apt/versions", null },
        { "/nodes/pve1/disks/list", null },
        { "/nodes/pve1/disks/zfs", null },
        { "/nodes/pve1/disks/zfs/tank", null },
        { "/nodes/pve1/services", null },
        { "/nodes/pve1/certificates/info", null },
        { "/nodes/pve1/subscription", null },
        { "/nodes/pve1/storage/local-lvm/rrddata", "timeframe=week&cf=AVERAGE" },
        { "/cluster/log", "max=20" },
        { "/cluster/ha/status/current", null },
        { "/cluster/ha/resources", null },
        { "/cluster/replication", null },
        { "/nodes/pve1/replication", null },
        { "/cluster/backup", null },
        { "/cluster/backup-info/not-backed-up", null },
        { "/cluster/sdn/zones", "pending=1" },
        { "/cluster/sdn/vnets", null },
        { "/cluster/sdn/vnets/labnet/subnets", null },
        { "/access/users", "full=1" },
        { "/access/acl", null },
        { "/cluster/firewall/options", null },
        { "/cluster/firewall/rules", null },
        { "/nodes/pve1/qemu/100/firewall/options", null },
        { "/nodes/pve1/qemu/100/firewall/rules", null },
        { "/nodes/pve1/qemu/100/firewall/ipset", null },
        { "/nodes/pve1/qemu/100/firewall/ipset/trusted", null },
        { "/nodes/pve1/lxc/200/firewall/rules", null },
        { "/nodes/pve1/qemu/101/pending", null },
        { "/nodes/pve1/lxc/200/pending", null },
        { "/nodes/pve1/qemu/100/rrddata", "timeframe=hour&cf=AVERAGE" },
        { "/nodes/pve1/lxc/200/rrddata", "timeframe=day" },
        { "/nodes/pve1/qemu/100/agent/get-fsinfo", null },
        { "/nodes/pve1/qemu/100/agent/get-users", null },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Each_read_answers_in_the_schemas_shape(string path, string? query)
    {
        var answer = await Api.GetAsync(path, query);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
        PveReturns.Check(PveSchema.Load("9.1.3"), "GET", path, answer.Data).ShouldBeEmpty();
    }

    [Fact]
    public async Task Ceph_answers_in_the_schemas_shape_once_installed_and_as_not_installed_before()
    {
        var before = await Api.GetAsync("/cluster/ceph/status");
        before.Status.ShouldBe(HttpStatusCode.InternalServerError);
        before.Message.ShouldContain("not installed");

        lock (Server.Cluster.Sync)
        {
            var ceph = new CephCluster { Health = "HEALTH_WARN" };
            ceph.Checks.Add(("OSD_DOWN", "HEALTH_WARN", "1 osds down"));
            ceph.Osds.Add(new CephOsd(0, "pve1", true, true, 0.41));
            ceph.Osds.Add(new CephOsd(1, "pve2", false, true, 0.38));
            ceph.Pools.Add(new CephPool(1, "vm-pool", 3, 2, 128, 200L << 30, 0.12));
            Server.Cluster.Ceph = ceph;
        }

        var schema = PveSchema.Load("9.1.3");
        foreach (var path in new[] { "/cluster/ceph/status", "/nodes/pve1/ceph/osd", "/nodes/pve1/ceph/pool" })
        {
            var answer = await Api.GetAsync(path);
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
            PveReturns.Check(schema, "GET", path, answer.Data).ShouldBeEmpty();
        }
        (await Api.GetAsync("/cluster/ceph/status")).Data.GetProperty("health").GetProperty("status").GetString().ShouldBe("HEALTH_WARN");
    }

    [Fact]
    public async Task The_journal_is_framed_by_cursors_and_honours_its_range()
    {
        var last = (await Api.GetAsync("/nodes/pve1/journal", "lastentries=5")).Data.EnumerateArray().Select(l => l.GetString()!).ToList();
        last.Count.ShouldBe(7);
        last[0].ShouldStartWith("s=");
        last[^1].ShouldStartWith("s=");
        last[1..^1].ShouldAllBe(l => l.Contains(" pve1 ", StringComparison.Ordinal));

        var now = Server.Cluster.Now.ToUnixTimeSeconds();
        var hour = (await Api.GetAsync("/nodes/pve1/journal", $"since={now - 3600}&until={now}")).Data.GetArrayLength();
        hour.ShouldBeInRange(2 + 5, 2 + 7);
    }

    [Fact]
    public async Task Not_backed_up_lists_the_guests_no_enabled_job_covers()
    {
        var uncovered = (await Api.GetAsync("/cluster/backup-info/not-backed-up")).Data.EnumerateArray().Select(g => g.GetProperty("vmid").GetInt32()).ToList();

        uncovered.ShouldNotContain(100);
        uncovered.ShouldNotContain(200);
        uncovered.ShouldContain(103);
        uncovered.ShouldContain(203);
        var jobs = (await Api.GetAsync("/cluster/backup")).Data.EnumerateArray().ToList();
        jobs.Single(j => j.GetProperty("id").GetString() == "backup-nightly").GetProperty("next-run").GetInt64().ShouldBeGreaterThan(Server.Cluster.Now.ToUnixTimeSeconds());
    }
}
