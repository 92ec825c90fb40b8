using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Sandbox.Tests;

/// <summary>The seeded cluster and the state that behaves: power, tasks, config, provisioning, snapshots.</summary>
public sealed class ClusterStateTests : SandboxTest
{
    [Fact]
    public async Task The_seed_is_worth_exploring()
    {
        var resources = (await Api.GetAsync("/cluster/resources")).Data.EnumerateArray().ToList();

        var nodes = resources.Where(r => r.GetProperty("type").GetString() == "node").ToList();
        nodes.Count.ShouldBe(3);
        nodes.Single(n => n.GetProperty("node").GetString() == "pve3").GetProperty("status").GetString().ShouldBe("offline");
        var guests = resources.Where(r => r.GetProperty("type").GetString() is "qemu" or "lxc").ToList();
        guests.Count.ShouldBeGreaterThanOrEqualTo(10);
        guests.Select(g => g.GetProperty("type").GetString()).Distinct().Count().ShouldBe(2);
        guests.Select(g => g.GetProperty("status").GetString()).ShouldContain("running");
        guests.Select(g => g.GetProperty("status").GetString()).ShouldContain("stopped");
        guests.Any(g => g.TryGetProperty("pool", out _) && g.TryGetProperty("tags", out _)).ShouldBeTrue();
        var template = guests.Single(g => g.GetProperty("vmid").GetInt32() == 9000);
        template.GetProperty("template").GetInt32().ShouldBe(1);
        resources.Count(r => r.GetProperty("type").GetString() == "storage").ShouldBe(6);

        var config = (await Api.GetAsync("/nodes/pve1/qemu/9000/config")).Data;
        config.GetProperty("ide2").GetString()!.ShouldContain("cloudinit");
        var templates = (await Api.GetAsync("/nodes/pve1/storage/local/content", "content=vztmpl")).Data;
        templates.EnumerateArray().Select(t => t.GetProperty("volid").GetString()).ShouldContain("local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst");
        var storages = (await Api.GetAsync("/nodes/pve1/storage")).Data.EnumerateArray().ToDictionary(s => s.GetProperty("storage").GetString()!, s => s.GetProperty("content").GetString()!);
        storages["local"].ShouldContain("iso");
        storages["local"].ShouldContain("vztmpl");
        storages["local"].ShouldContain("backup");
        storages["local-lvm"].ShouldContain("images");
        storages["local-lvm"].ShouldContain("rootdir");
        (await Api.GetAsync("/nodes/pve1/network", "type=bridge")).Data.EnumerateArray().Select(i => i.GetProperty("iface").GetString()).ShouldContain("vmbr0");
        (await Api.GetAsync("/nodes/pve1/qemu/100/snapshot")).Data.GetArrayLength().ShouldBe(2);
        (await Api.GetAsync("/cluster/tasks")).Data.GetArrayLength().ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task Calls_proxied_to_the_offline_node_get_595_but_cluster_resources_work()
    {
        var answer = await Api.GetAsync("/nodes/pve3/lxc");
        ((int)answer.Status).ShouldBe(595);

        var guest = (await Api.GetAsync("/cluster/resources", "type=vm")).Data.EnumerateArray().Single(g => g.GetProperty("vmid").GetInt32() == 104);
        guest.GetProperty("status").GetString().ShouldBe("unknown");

        Server.Cluster.SetNodeOnline("pve3", true);
        (await Api.GetAsync("/nodes/pve3/lxc")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_returns_a_real_upid_that_runs_then_stops_with_OK()
    {
        var upid = (await Api.PostAsync("/nodes/pve2/qemu/102/status/start")).Upid;

        upid.ShouldMatch(@"^UPID:pve2:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:qmstart:102:root@pam!mcp:$");
        var running = (await Api.GetAsync($"/nodes/pve2/tasks/{Uri.EscapeDataString(upid)}/status")).Data;
        running.GetProperty("status").GetString().ShouldBe("running");
        running.TryGetProperty("exitstatus", out _).ShouldBeFalse();
        (await Api.WaitAsync(upid)).ShouldBe("OK");
        (await Api.GetAsync("/nodes/pve2/qemu/102/status/current")).Data.GetProperty("status").GetString().ShouldBe("running");
        var log = (await Api.GetAsync($"/nodes/pve2/tasks/{Uri.EscapeDataString(upid)}/log", "start=0&limit=50")).Data;
        log.EnumerateArray().Last().GetProperty("t").GetString().ShouldBe("TASK OK");
        (await Api.GetAsync("/nodes/pve2/tasks", "vmid=102")).Data.EnumerateArray().First().GetProperty("upid").GetString().ShouldBe(upid);
    }

    [Fact]
    public async Task Power_errors_are_worded_as_the_real_ones()
    {
        (await Api.WaitAsync((await Api.PostAsync("/nodes/pve1/qemu/101/status/start")).Upid)).ShouldBe("VM 101 already running");
        var shutdown = await Api.PostAsync("/nodes/pve2/qemu/102/status/shutdown");
        shutdown.Status.ShouldBe(HttpStatusCode.InternalServerError);
        shutdown.Message.ShouldBe("VM 102 not running\n");
        (await Api.PostAsync("/nodes/pve1/qemu/999/status/start")).Message.ShouldBe("Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist\n");
        (await Api.PostAsync("/nodes/pve2/qemu/100/status/start")).Message.ShouldBe("Configuration file 'nodes/pve2/qemu-server/100.conf' does not exist\n");
        (await Api.PostAsync("/nodes/pve1/qemu/9000/status/start")).Message.ShouldBe("you can't start a vm if it's a template\n");
        var failedLog = (await Api.GetAsync("/nodes/pve2/tasks", "errors=1&source=all")).Data;
        failedLog.EnumerateArray().ShouldContain(t => t.GetProperty("status").GetString() == "startup for container '202' failed");
    }

    [Fact]
    public async Task Shutdown_suspend_resume_and_reboot_change_state()
    {
        (await Api.WaitAsync((await Api.PostAsync("/nodes/pve1/qemu/100/status/suspend")).Upid)).ShouldBe("OK");
        (await Api.GetAsync("/nodes/pve1/qemu/100/status/current")).Data.GetProperty("qmpstatus").GetString().ShouldBe("paused");
        (await Api.WaitAsync((await Api.PostAsync("/nodes/pve1/qemu/100/status/resume")).Upid)).ShouldBe("OK");
        (await Api.GetAsync("/nodes/pve1/qemu/100/status/current")).Data.GetProperty("qmpstatus").GetString().ShouldBe("running");
        (await Api.WaitAsync((await Api.PostAsync("/nodes/pve1/lxc/201/status/reboot")).Upid)).ShouldBe("OK");
        (await Api.WaitAsync((await Api.PostAsync("/nodes/pve1/lxc/201/status/shutdown", ("timeout", "30"))).Upid)).ShouldBe("OK");
        var container = (await Api.GetAsync("/nodes/pve1/lxc/201/status/current")).Data;
        container.GetProperty("status").GetString().ShouldBe("stopped");
        container.GetProperty("vmid").GetString().ShouldBe("201");
    }

    [Fact]
    public async Task Create_refuses_a_used_vmid_and_creates_a_locked_guest_until_the_task_ends()
    {
        var duplicate = await Api.PostAsync("/nodes/pve1/qemu", ("vmid", "100"));
        duplicate.Message.ShouldBe("unable to create VM 100 - VM 100 already exists\n");

        var next = (await Api.GetAsync("/cluster/nextid")).Data.GetString();
        next.ShouldBe("105");
        var upid = (await Api.PostAsync("/nodes/pve1/qemu", ("vmid", "105"), ("name", "web"), ("memory", "2048"), ("cores", "2"),
            ("scsi0", "local-lvm:16"), ("net0", "virtio,bridge=vmbr0"), ("ide2", "local:iso/debian-12.7.0-amd64-netinst.iso,media=cdrom"), ("start", "1"))).Upid;
        (await Api.GetAsync("/nodes/pve1/qemu/105/config")).Data.GetProperty("lock").GetString().ShouldBe("create");
        (await Api.WaitAsync(upid)).ShouldBe("OK");

        var config = (await Api.GetAsync("/nodes/pve1/qemu/105/config")).Data;
        config.TryGetProperty("lock", out _).ShouldBeFalse();
        config.GetProperty("scsi0").GetString()!.ShouldMatch("^local-lvm:vm-105-disk-0,size=16G$");
        config.GetProperty("net0").GetString()!.ShouldMatch("^virtio=BC:24:11:[0-9A-F:]+,bridge=vmbr0$");
        (await Api.GetAsync("/nodes/pve1/qemu/105/status/current")).Data.GetProperty("status").GetString().ShouldBe("running");
        var nextid = await Api.GetAsync("/cluster/nextid", "vmid=105");
        nextid.Errors.GetProperty("vmid").GetString().ShouldBe("VM 105 already exists");
    }

    [Fact]
    public async Task Create_a_container_from_the_debian_template()
    {
        var upid = (await Api.PostAsync("/nodes/pve1/lxc", ("vmid", "300"), ("ostemplate", "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst"),
            ("hostname", "test"), ("cores", "2"), ("memory", "2048"), ("rootfs", "local-lvm:8"), ("net0", "name=eth0,bridge=vmbr0,ip=dhcp"), ("password", "s3cret!"))).Upid;
        (await Api.WaitAsync(upid)).ShouldBe("OK");

        var config = (await Api.GetAsync("/nodes/pve1/lxc/300/config")).Data;
        config.GetProperty("hostname").GetString().ShouldBe("test");
        config.GetProperty("memory").GetInt32().ShouldBe(2048);
        config.TryGetProperty("password", out _).ShouldBeFalse();
        (await Api.PostAsync("/nodes/pve1/lxc", ("vmid", "301"), ("ostemplate", "local:vztmpl/nope.tar.zst"))).Message.ShouldBe("volume 'local:vztmpl/nope.tar.zst' does not exist\n");
    }

    [Fact]
    public async Task Clone_full_and_linked_from_the_template()
    {
        var linked = (await Api.PostAsync("/nodes/pve1/qemu/9000/clone", ("newid", "120"), ("name", "ci-linked"))).Upid;
        linked.ShouldContain(":qmclone:9000:");
        (await Api.GetAsync("/nodes/pve1/qemu/120/config")).Data.GetProperty("lock").GetString().ShouldBe("clone");
        (await Api.WaitAsync(linked)).ShouldBe("OK");
        var clone = (await Api.GetAsync("/nodes/pve1/qemu/120/config")).Data;
        clone.GetProperty("name").GetString().ShouldBe("ci-linked");
        clone.TryGetProperty("template", out _).ShouldBeFalse();
        clone.GetProperty("ciuser").GetString().ShouldBe("debian");

        var full = (await Api.PostAsync("/nodes/pve1/qemu/9000/clone", ("newid", "121"), ("full", "1"), ("target", "pve2"), ("storage", "local-lvm"))).Upid;
        (await Api.WaitAsync(full)).ShouldBe("OK");
        (await Api.GetAsync("/nodes/pve2/qemu/121/config")).Status.ShouldBe(HttpStatusCode.OK);

        (await Api.PostAsync("/nodes/pve1/qemu/100/clone", ("newid", "122"), ("full", "0"))).Message.ShouldContain("Linked clone");
        (await Api.PostAsync("/nodes/pve1/qemu/9000/clone", ("newid", "100"))).Message.ShouldBe("unable to create VM 100 - VM 100 already exists\n");
        (await Api.PostAsync("/nodes/pve1/lxc/200/clone", ("newid", "250"), ("hostname", "pihole2"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Config_updates_check_the_digest()
    {
        var digest = (await Api.GetAsync("/nodes/pve1/qemu/101/config")).Data.GetProperty("digest").GetString()!;
        digest.ShouldMatch("^[0-9a-f]{40}$");

        (await Api.PutAsync("/nodes/pve1/qemu/101/config", ("memory", "6144"), ("digest", digest))).Status.ShouldBe(HttpStatusCode.OK);
        var stale = await Api.PutAsync("/nodes/pve1/qemu/101/config", ("memory", "8192"), ("digest", digest));

        stale.Status.ShouldBe(HttpStatusCode.InternalServerError);
        stale.Message.ShouldStartWith("detected modified configuration - file changed by other user? Try again.");
        (await Api.GetAsync("/nodes/pve1/qemu/101/config")).Data.GetProperty("memory").GetString().ShouldBe("6144");
        var async = await Api.PostAsync("/nodes/pve1/qemu/101/config", ("ciuser", "admin"), ("ipconfig0", "ip=10.0.0.5/24,gw=10.0.0.1"));
        (await Api.WaitAsync(async.Upid)).ShouldBe("OK");
    }

    [Fact]
    public async Task Snapshots_are_listed_and_taken()
    {
        var upid = (await Api.PostAsync("/nodes/pve1/lxc/201/snapshot", ("snapname", "pre_update"), ("description", "before apt upgrade"))).Upid;
        (await Api.WaitAsync(upid)).ShouldBe("OK");

        var snapshots = (await Api.GetAsync("/nodes/pve1/lxc/201/snapshot")).Data.EnumerateArray().ToList();
        snapshots.Select(s => s.GetProperty("name").GetString()).ShouldBe(["pre_update", "current"]);
        (await Api.PostAsync("/nodes/pve1/lxc/201/snapshot", ("snapname", "pre_update"))).Message.ShouldBe("snapshot name 'pre_update' already used\n");
        // pve-configid: a letter, then letters, digits or '_'; Proxmox refuses '-' in snapshot names.
        var dashed = await Api.PostAsync("/nodes/pve1/lxc/201/snapshot", ("snapname", "pre-update"));
        dashed.Status.ShouldBe(HttpStatusCode.BadRequest);
        dashed.Errors.GetProperty("snapname").GetString().ShouldBe("invalid format - invalid configuration ID 'pre-update'");
    }

    [Fact]
    public async Task Disks_grow_and_never_shrink()
    {
        var upid = (await Api.PutAsync("/nodes/pve1/qemu/101/resize", ("disk", "scsi0"), ("size", "+8G"))).Upid;
        (await Api.WaitAsync(upid)).ShouldBe("OK");
        (await Api.GetAsync("/nodes/pve1/qemu/101/config")).Data.GetProperty("scsi0").GetString()!.ShouldEndWith("size=40G");

        (await Api.PutAsync("/nodes/pve1/qemu/101/resize", ("disk", "scsi0"), ("size", "10G"))).Message.ShouldBe("shrinking disks is not supported\n");
    }

    [Fact]
    public async Task Delete_operations_really_delete()
    {
        (await Api.DeleteAsync("/nodes/pve1/qemu/100")).Message.ShouldBe("VM 100 is running - destroy failed\n");
        var upid = (await Api.DeleteAsync("/nodes/pve2/qemu/102")).Upid;
        (await Api.WaitAsync(upid)).ShouldBe("OK");
        (await Api.GetAsync("/nodes/pve2/qemu/102/config")).Status.ShouldBe(HttpStatusCode.InternalServerError);
        Server.Cluster.Volumes.ShouldNotContain(v => v.Vmid == 102 && v.Content == "images");

        var snapshot = (await Api.DeleteAsync("/nodes/pve1/qemu/100/snapshot/before_upgrade")).Upid;
        (await Api.WaitAsync(snapshot)).ShouldBe("OK");
        (await Api.GetAsync("/nodes/pve1/qemu/100/snapshot")).Data.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_config_delete_detaches_and_an_unused_delete_frees_the_volume()
    {
        (await Api.PutAsync("/nodes/pve1/qemu/101/config", ("delete", "scsi0"))).Status.ShouldBe(HttpStatusCode.OK);
        var config = (await Api.GetAsync("/nodes/pve1/qemu/101/config")).Data;
        config.GetProperty("unused0").GetString().ShouldBe("local-lvm:vm-101-disk-0");

        (await Api.PutAsync("/nodes/pve1/qemu/101/config", ("delete", "unused0"))).Status.ShouldBe(HttpStatusCode.OK);
        Server.Cluster.Volumes.ShouldNotContain(v => v.VolId == "local-lvm:vm-101-disk-0");
    }

    [Fact]
    public async Task Vzdump_without_remove_0_prunes_older_backups()
    {
        for (var i = 0; i < 4; i++)
        {
            (await Api.WaitAsync((await Api.PostAsync("/nodes/pve1/vzdump", ("vmid", "100"), ("remove", "0"))).Upid)).ShouldBe("OK");
        }
        Backups().Count.ShouldBe(5);

        (await Api.WaitAsync((await Api.PostAsync("/nodes/pve1/vzdump", ("vmid", "100"))).Upid)).ShouldBe("OK");

        Backups().Count.ShouldBe(3);
        List<string> Backups() => Server.Cluster.Volumes.Where(v => v.Content == "backup" && v.Vmid == 100).Select(v => v.VolId).ToList();
    }

    [Fact]
    public async Task Seeding_ten_thousand_guests_for_benchmarks()
    {
        await using var big = await SandboxServer.StartAsync(new SandboxOptions { ExtraGuests = 10_000 }, TestContext.Current.CancellationToken);
        using var client = new SandboxClient(big);

        var resources = (await client.GetAsync("/cluster/resources", "type=vm")).Data;

        resources.GetArrayLength().ShouldBeGreaterThan(10_000);
    }
}
