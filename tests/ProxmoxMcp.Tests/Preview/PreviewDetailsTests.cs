using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Tests.Preview;

/// <summary>What each kind of preview tells a person, and the preview's own refusals.</summary>
public sealed class PreviewDetailsTests
{
    [Fact]
    public async Task A_config_preview_shows_the_value_now_the_pending_one_and_the_new_one()
    {
        await using var harness = await ServerHarness.StartAsync();
        lock (harness.Sandbox.Cluster.Sync)
        {
            harness.Sandbox.Cluster.Guests[101].Pending["cores"] = "4";
            harness.Sandbox.Cluster.Guests[101].Pending["balloon"] = "1024";
        }

        var preview = await harness.CallAsync("preview", new { tool = "set_vm_config", arguments = new { vmid = 101, options = new Dictionary<string, object> { ["cores"] = 6, ["memory"] = 6144 } } });

        var text = ServerHarness.Text(preview);
        text.ShouldContain("cores: 2 (pending 4) -> 6");
        text.ShouldContain("memory: 4096 -> 6144");
        text.ShouldContain("balloon: (unset) (pending 1024), unchanged by this call");
        var config = preview.StructuredContent!.Value.GetProperty("config");
        var digest = config.GetProperty("digest").GetString()!;
        digest.ShouldBe(harness.Sandbox.Cluster.Guests[101].Digest);
        text.ShouldContain($"Pass digest={digest} to the real call");
    }

    [Fact]
    public async Task A_create_preview_shows_the_new_guest_and_each_storage_before_and_after()
    {
        await using var harness = await ServerHarness.StartAsync();

        var preview = await harness.CallAsync("preview", new { tool = "create_vm", arguments = new { name = "web9", vmid = 150, disk_gib = 40, storage = "local-lvm" } });

        var guest = preview.StructuredContent!.Value.GetProperty("new_guest");
        guest.GetProperty("vmid").GetInt32().ShouldBe(150);
        guest.GetProperty("node").GetString().ShouldBe("pve1");
        guest.GetProperty("config").GetProperty("scsi0").GetString().ShouldBe("local-lvm:40,iothread=1");
        var storage = guest.GetProperty("storage").EnumerateArray().Single();
        storage.GetProperty("storage").GetString().ShouldBe("local-lvm");
        storage.GetProperty("bytes").GetInt64().ShouldBe(40L << 30);
        (storage.GetProperty("free_before").GetInt64() - storage.GetProperty("free_after").GetInt64()).ShouldBe(40L << 30);
        ServerHarness.Text(preview).ShouldContain("storage local-lvm: takes 40 GiB; free ");
        harness.Sandbox.Cluster.Guests.ContainsKey(150).ShouldBeFalse();
    }

    [Fact]
    public async Task A_full_clone_preview_counts_every_disk_it_copies()
    {
        await using var harness = await ServerHarness.StartAsync();

        var preview = await harness.CallAsync("preview", new { tool = "clone_container", arguments = new { vmid = 202, hostname = "pg2" } });

        var guest = preview.StructuredContent!.Value.GetProperty("new_guest");
        guest.GetProperty("config").GetProperty("hostname").GetString().ShouldBe("pg2");
        guest.GetProperty("config").GetProperty("tags").GetString().ShouldBe("mcp;db;prod");
        guest.GetProperty("storage").EnumerateArray().Single().GetProperty("bytes").GetInt64().ShouldBe(32L << 30);
    }

    [Fact]
    public async Task A_power_preview_shows_state_uptime_and_whether_HA_restarts_the_guest()
    {
        await using var harness = await ServerHarness.StartAsync();

        var managed = (await harness.CallAsync("preview", new { tool = "stop_vm", arguments = new { vmid = 100 } })).StructuredContent!.Value.GetProperty("power");
        var plain = (await harness.CallAsync("preview", new { tool = "shutdown_container", arguments = new { vmid = 200 } })).StructuredContent!.Value.GetProperty("power");

        managed.GetProperty("state").GetString().ShouldBe("running");
        managed.GetProperty("uptime_seconds").GetInt64().ShouldBeGreaterThan(0);
        managed.GetProperty("ha_managed").GetBoolean().ShouldBeTrue();
        managed.GetProperty("ha_state").GetString().ShouldBe("started");
        managed.GetProperty("effect").GetString()!.ShouldContain("whatever the guest has not written to disk is lost");
        plain.GetProperty("ha_managed").GetBoolean().ShouldBeFalse();
        plain.GetProperty("effect").GetString()!.ShouldContain("clean shutdown");
    }

    [Fact]
    public async Task A_refusal_is_listed_with_the_reason_the_real_call_gives()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { WriteScope = WriteScope.Tagged });

        var preview = await harness.CallAsync("preview", new { tool = "resize_disk", arguments = new { vmid = 100, disk = "scsi0", size = "+1G" } });
        var real = await harness.CallAsync("resize_disk", new { vmid = 100, disk = "scsi0", size = "+1G" });

        real.IsError.ShouldBe(true);
        var structured = preview.StructuredContent!.Value;
        structured.GetProperty("outcome").GetString().ShouldBe("fails");
        structured.GetProperty("error").GetString().ShouldBe(ServerHarness.Text(real));
        harness.Sandbox.Requests.Snapshot().ShouldAllBe(r => r.Method == "GET");
    }

    [Fact]
    public async Task A_policy_refusal_is_the_request_with_its_verdict()
    {
        await using var harness = await ServerHarness.StartAsync();

        var preview = await harness.CallAsync("preview", new { tool = "create_container", arguments = new { hostname = "big", template = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst", disk_gib = 100_000 } });
        var real = await harness.CallAsync("create_container", new { hostname = "big", template = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst", disk_gib = 100_000 });

        var structured = preview.StructuredContent!.Value;
        structured.GetProperty("outcome").GetString().ShouldBe("refused");
        var request = structured.GetProperty("requests").EnumerateArray().Single();
        request.GetProperty("allowed").GetBoolean().ShouldBeFalse();
        request.GetProperty("refusal").GetString().ShouldBe(ServerHarness.Text(real));
        harness.Sandbox.Requests.Snapshot().ShouldAllBe(r => r.Method == "GET");
    }

    [Theory]
    [InlineData("list_vms", "only reads")]
    [InlineData("delete_vm", "There is no tool named 'delete_vm'")]
    [InlineData("exec_in_vm", "not offered by this server")]
    public async Task Preview_takes_only_tools_that_change_something_and_that_are_offered(string tool, string expected)
    {
        await using var harness = await ServerHarness.StartAsync();

        var result = await harness.CallAsync("preview", new { tool, arguments = new { vmid = 100 } });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain(expected);
    }

    [Fact]
    public async Task A_preview_reserves_no_vmid()
    {
        await using var harness = await ServerHarness.StartAsync();

        var previewed = (await harness.CallAsync("preview", new { tool = "allocate_vmid" })).StructuredContent!.Value;
        var first = (await harness.CallAsync("allocate_vmid")).StructuredContent!.Value.GetProperty("vmid").GetInt32();

        previewed.GetProperty("outcome").GetString().ShouldBe("no_change");
        first.ShouldBe(105);
    }
}
