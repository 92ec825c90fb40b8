using System.Text.Json;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Tests.Tools;

/// <summary>Tier C through the real MCP client against the sandbox: the stories users ask for, and every refusal.</summary>
public sealed class ProvisioningToolsTests : IAsyncLifetime
{
    private const string DebianTemplate = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst";
    private const string SshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB3mP0ByFoT8SvDyAz2wW9Oqm1rCC7W4Q6HkYg2b7pAq me@laptop";
    private ServerHarness _harness = null!;

    public async ValueTask InitializeAsync() => _harness = await ServerHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Create_a_Debian_12_container_with_2_cores_2_GB_on_vmbr0_and_start_it()
    {
        var templates = Structured(await _harness.CallAsync("list_templates")).GetProperty("templates").EnumerateArray()
            .Where(t => t.GetProperty("kind").GetString() == "container_template").Select(t => t.GetProperty("id").GetString()).ToList();
        var template = templates.First(t => t!.Contains("debian-12", StringComparison.Ordinal))!;
        var vmid = Structured(await _harness.CallAsync("allocate_vmid")).GetProperty("vmid").GetInt32();

        var created = Structured(await _harness.CallAsync("create_container", new { hostname = "test", template, vmid, cores = 2, memory_mib = 2048, bridge = "vmbr0", password = "correct horse" }));
        created.GetProperty("status").GetString().ShouldBe("done");
        created.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldContain("mcp");
        JsonSerializer.Serialize(created).ShouldNotContain("correct horse");
        var started = Structured(await _harness.CallAsync("start_container", new { vmid }));
        started.GetProperty("status").GetString().ShouldBe("done");

        var guest = _harness.Sandbox.Cluster.Guests[vmid];
        guest.Status.ShouldBe("running");
        guest.Config["cores"].ShouldBe("2");
        guest.Config["memory"].ShouldBe("2048");
        guest.Config["net0"].ShouldContain("bridge=vmbr0");
        guest.Config["tags"].ShouldContain("mcp");
        guest.Config["rootfs"].ShouldStartWith("local-lvm:subvol-");
    }

    [Fact]
    public async Task Clone_template_9000_set_my_ssh_key_and_a_static_ip_and_start_it()
    {
        var clone = Structured(await _harness.CallAsync("clone_vm", new { vmid = 9000, name = "web1" }));
        var vmid = clone.GetProperty("vmid").GetInt32();
        clone.GetProperty("status").GetString().ShouldBe("done");
        clone.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldContain("mcp");

        var config = Structured(await _harness.CallAsync("set_vm_config", new
        {
            vmid,
            options = new Dictionary<string, string> { ["ipconfig0"] = "ip=192.168.1.50/24,gw=192.168.1.1", ["ciuser"] = "admin", ["nameserver"] = "1.1.1.1", ["searchdomain"] = "lan" },
            ssh_keys = new[] { SshKey },
        }));
        var changes = config.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c);
        changes["ciuser"].GetProperty("before").GetString().ShouldBe("debian");
        changes["ciuser"].GetProperty("after").GetString().ShouldBe("admin");
        changes["ipconfig0"].GetProperty("before").GetString().ShouldBe("ip=dhcp");
        changes.Keys.ShouldContain("sshkeys");
        ServerHarness.Text(await _harness.CallAsync("set_vm_config", new { vmid, options = new Dictionary<string, string> { ["ciuser"] = "admin" } })).ShouldContain("nothing changed");

        Structured(await _harness.CallAsync("start_vm", new { vmid })).GetProperty("status").GetString().ShouldBe("done");

        var guest = _harness.Sandbox.Cluster.Guests[vmid];
        guest.Status.ShouldBe("running");
        Uri.UnescapeDataString(guest.Config["sshkeys"]).ShouldBe(SshKey);
        guest.Config["ipconfig0"].ShouldBe("ip=192.168.1.50/24,gw=192.168.1.1");
        var network = Structured(await _harness.CallAsync("guest_network", new { vmid }));
        network.GetProperty("interfaces")[0].GetProperty("ipv4")[0].GetString().ShouldBe("192.168.1.50/24");
    }

    [Fact]
    public async Task Clone_with_start_and_clone_a_container()
    {
        var vm = Structured(await _harness.CallAsync("clone_vm", new { vmid = 9000, name = "ci-runner", start = true, full = true, target_node = "pve2" }));
        vm.GetProperty("running").GetBoolean().ShouldBeTrue();
        vm.GetProperty("node").GetString().ShouldBe("pve2");

        await _harness.CallAsync("stop_container", new { vmid = 202 });
        var container = Structured(await _harness.CallAsync("clone_container", new { vmid = 202, hostname = "postgres-copy" }));
        container.GetProperty("status").GetString().ShouldBe("done");
        _harness.Sandbox.Cluster.Guests[container.GetProperty("vmid").GetInt32()].TagList.ShouldContain("mcp");

        ServerHarness.Text(await _harness.CallAsync("clone_vm", new { vmid = 100, full = false })).ShouldContain("A linked clone needs a template");
    }

    [Fact]
    public async Task Create_a_vm_from_an_iso()
    {
        var vm = Structured(await _harness.CallAsync("create_vm", new { name = "installer", iso = "local:iso/debian-12.7.0-amd64-netinst.iso", cores = 2, memory_mib = 4096, disk_gib = 20, vlan = 20, os_type = "l26" }));

        var guest = _harness.Sandbox.Cluster.Guests[vm.GetProperty("vmid").GetInt32()];
        guest.Config["ide2"].ShouldBe("local:iso/debian-12.7.0-amd64-netinst.iso,media=cdrom");
        guest.Config["scsi0"].ShouldContain("size=20G");
        guest.Config["net0"].ShouldContain("tag=20");
        guest.Config["agent"].ShouldBe("1");
        guest.Status.ShouldBe("stopped");
    }

    [Fact]
    public async Task Snapshot_backup_and_disk_growth()
    {
        var snapshot = Structured(await _harness.CallAsync("create_snapshot", new { vmid = 101, name = "before_update", description = "pre-upgrade", include_memory = true }));
        snapshot.GetProperty("result").GetString().ShouldBe("before_update");
        _harness.Sandbox.Cluster.Guests[101].Snapshots.ShouldContain(s => s.Name == "before_update" && s.WithMemory);
        ServerHarness.Text(await _harness.CallAsync("create_snapshot", new { vmid = 101, name = "before_update" })).ShouldContain("already has a snapshot named 'before_update'");
        ServerHarness.Text(await _harness.CallAsync("create_snapshot", new { vmid = 200, name = "x1", include_memory = true })).ShouldContain("cannot include memory");
        var dashed = await _harness.CallAsync("create_snapshot", new { vmid = 101, name = "before-update" });
        dashed.IsError.ShouldBe(true);
        ServerHarness.Text(dashed).ShouldContain("name");
        _harness.Sandbox.Requests.Snapshot().ShouldNotContain(r => r.Parameters.Any(p => p.Key == "snapname" && p.Value == "before-update"));

        var backupsBefore = _harness.Sandbox.Cluster.Volumes.Count(v => v.Content == "backup" && v.Vmid == 100);
        for (var i = 0; i < 4; i++)
        {
            Structured(await _harness.CallAsync("backup_guest", new { vmid = 100, notes = "nightly" })).GetProperty("result").GetString()!.ShouldStartWith("local:backup/vzdump-qemu-100-");
        }
        _harness.Sandbox.Cluster.Volumes.Count(v => v.Content == "backup" && v.Vmid == 100).ShouldBe(backupsBefore + 4);
        _harness.Sandbox.Requests.Snapshot().Where(r => r.Path == "/nodes/pve1/vzdump")
            .ShouldAllBe(r => r.Parameters.Contains(new KeyValuePair<string, string>("remove", "0")));

        var grown = Structured(await _harness.CallAsync("resize_disk", new { vmid = 101, disk = "scsi0", size = "+8G" }));
        grown.GetProperty("result").GetString().ShouldBe("40G");
        var absolute = Structured(await _harness.CallAsync("resize_disk", new { vmid = 101, disk = "scsi0", size = "48G" }));
        absolute.GetProperty("result").GetString().ShouldBe("48G");
        Structured(await _harness.CallAsync("resize_disk", new { vmid = 101, disk = "scsi0", size = "48G" })).GetProperty("status").GetString().ShouldBe("unchanged");
        Structured(await _harness.CallAsync("resize_disk", new { vmid = 201, disk = "rootfs", size = "+2G" })).GetProperty("result").GetString().ShouldBe("10G");
        _harness.Sandbox.Requests.Snapshot().Where(r => r.Path.EndsWith("/resize", StringComparison.Ordinal))
            .ShouldAllBe(r => r.Parameters.Any(p => p.Key == "size" && p.Value.StartsWith('+')));
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "set_vm_config", """{"vmid":101,"options":{"delete":"scsi0"}}""", "'delete' is refused" },
        { "set_vm_config", """{"vmid":101,"options":{"revert":"cores"}}""", "'revert' is refused" },
        { "set_vm_config", """{"vmid":101,"options":{"force":"1"}}""", "'force' is refused" },
        { "set_vm_config", """{"vmid":101,"options":{"unused0":"local-lvm:vm-101-disk-9"}}""", "'unused0' is refused" },
        { "set_vm_config", """{"vmid":101,"options":{"protection":"0"}}""", "protection may only be 1: turning protection off lifts a guard" },
        { "set_vm_config", """{"vmid":101,"options":{"skiplock":"1"}}""", "'skiplock' is refused" },
        { "set_vm_config", """{"vmid":101,"options":{"hookscript":"local:snippets/x.sh"}}""", "'hookscript' is refused: it runs a script on the node as root" },
        { "set_vm_config", """{"vmid":101,"options":{"template":"1"}}""", "'template' is refused" },
        { "set_vm_config", """{"vmid":101,"options":{"scsi0":"local-lvm:1"}}""", "scsi0 already holds a volume" },
        { "set_vm_config", """{"vmid":101,"options":{"description":"ok","args":"-monitor stdio"}}""", "'args' is refused: it passes raw arguments to QEMU" },
        { "set_container_config", """{"vmid":200,"options":{"rootfs":"local-lvm:1"}}""", "'rootfs' is not a container option" },
        { "set_container_config", """{"vmid":200,"options":{"delete":"mp0"}}""", "'delete' is refused" },
        { "create_vm", """{"name":"x","extra_options":{"archive":"local:backup/vzdump-qemu-100.vma.zst"}}""", "'archive' is refused" },
        { "create_vm", """{"name":"x","extra_options":{"force":"1"}}""", "'force' is refused" },
        { "create_vm", """{"name":"x","extra_options":{"unique":"1"}}""", "'unique' is refused" },
        { "create_vm", """{"name":"x","extra_options":{"cores":"4"}}""", "'cores' has its own parameter" },
        { "create_vm", """{"name":"x","vmid":100}""", "vmid 100 is already used by VM 100 (docker)" },
        { "create_container", """{"hostname":"x","template":"local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst","extra_options":{"restore":"1"}}""", "'restore' is refused" },
        { "create_container", """{"hostname":"x","template":"local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst","extra_options":{"purge":"1"}}""", "'purge' is refused" },
        { "create_container", """{"hostname":"x","template":"local:vztmpl/none.tar.zst"}""", "was not found on any online node" },
        { "create_container", """{"hostname":"x","template":"local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst","gateway":"10.0.0.1"}""", "'gateway' goes with a static 'ip'" },
        { "create_container", """{"hostname":"bad host","template":"local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst"}""", "'hostname'" },
        { "create_container", """{"hostname":"x","template":"local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst","ssh_public_keys":["not a key; rm -rf /"]}""", "'ssh_public_keys'" },
        { "resize_disk", """{"vmid":101,"disk":"scsi0","size":"10G"}""", "would shrink it, which is refused" },
        { "resize_disk", """{"vmid":101,"disk":"scsi0","size":"-8G"}""", "'size'" },
        { "resize_disk", """{"vmid":101,"disk":"scsi7","size":"+1G"}""", "has no disk 'scsi7'" },
        { "backup_guest", """{"vmid":100,"storage":"local-lvm"}""", "wrong content type" },
        { "create_snapshot", """{"vmid":100,"name":"current"}""", "reserved" },
        { "allocate_vmid", """{"first":500,"last":400}""", "must not be below" },
        // The holes an attacking agent found (issue 14): each refused before anything changes.
        { "create_container", """{"hostname":"x","template":"local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst","extra_options":{"mp0":"/,mp=/host"}}""", "is a host path or device" },
        { "create_container", """{"hostname":"x","template":"local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst","extra_options":{"mp0":"/dev/sda,mp=/mnt/sda"}}""", "is a host path or device" },
        { "create_container", """{"hostname":"x","template":"local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst","extra_options":{"mp0":"local-lvm:vm-200-disk-0,mp=/data"}}""", "names an existing volume" },
        { "create_container", """{"hostname":"x","template":"local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst","extra_options":{"unprivileged":"0"}}""", "'unprivileged' has its own parameter" },
        { "create_container", """{"hostname":"x","template":"local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst","unprivileged":false}""", "unprivileged" },
        { "create_container", """{"hostname":"x","template":"local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst","extra_options":{"features":"mount=nfs"}}""", "'mount' is not an item this server sets" },
        { "create_container", """{"hostname":"x","template":"local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst","extra_options":{"entrypoint":"/bin/sh"}}""", "'entrypoint' is refused" },
        { "create_container", """{"hostname":"x","template":"local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst","extra_options":{"dev0":"/dev/kvm"}}""", "'dev0' is refused" },
        { "set_container_config", """{"vmid":200,"options":{"features":"nesting=1,mknod=1"}}""", "'mknod' is not an item this server sets" },
        { "set_container_config", """{"vmid":200,"options":{"mp1":"/,mp=/host"}}""", "is a host path or device" },
        { "set_vm_config", """{"vmid":101,"options":{"scsi1":"local-lvm:0,import-from=/dev/pve/vm-101-disk-0"}}""", "size 0 means importing" },
        { "set_vm_config", """{"vmid":101,"options":{"scsi1":"local-lvm:8,import-from=local-lvm:vm-100-disk-0"}}""", "may not use import-from" },
        { "set_vm_config", """{"vmid":101,"options":{"scsi1":"local-lvm:vm-100-disk-0"}}""", "names an existing volume" },
        { "set_vm_config", """{"vmid":101,"options":{"virtio1":"/dev/sdb"}}""", "is a host path or device" },
        { "set_vm_config", """{"vmid":101,"options":{"serial0":"/dev/ttyS0"}}""", "serial0 must be one of socket" },
        { "set_vm_config", """{"vmid":101,"options":{"hostpci0":"0000:01:00.0"}}""", "'hostpci0' is refused" },
        { "set_vm_config", """{"vmid":101,"options":{"usb0":"host=1234:5678"}}""", "'usb0' is refused" },
        { "set_vm_config", """{"vmid":101,"options":{"ide3":"cdrom,media=cdrom"}}""", "ide3" },
        { "set_vm_config", """{"vmid":101,"options":{"lock":"backup"}}""", "'lock' is refused" },
        { "set_vm_config", """{"vmid":101,"options":{"scsi1":"local-lvm:999999"}}""", "which has" },
        { "create_vm", """{"name":"x","disk_gib":131072}""", "which has" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refusals_are_explained_and_send_nothing_that_changes_anything(string tool, string json, string expected)
    {
        _harness.Sandbox.Requests.Clear();
        var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!;

        var result = await _harness.Client.CallToolAsync(tool, arguments, cancellationToken: TestContext.Current.CancellationToken);

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain(expected);
        _harness.Sandbox.Requests.Snapshot().Where(r => r.Method != "GET" && r.Status == 200).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_concurrent_config_edit_is_caught_by_the_digest()
    {
        _harness.Sandbox.Faults.ChangeBefore("^/nodes/pve1/qemu/101/config$", "PUT", cluster => cluster.Guests[101].Config["memory"] = "1024");

        var result = await _harness.CallAsync("set_vm_config", new { vmid = 101, options = new Dictionary<string, string> { ["memory"] = "8192" } });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain("Someone else changed the configuration of VM 101 at the same moment");
        _harness.Sandbox.Cluster.Guests[101].Config["memory"].ShouldBe("1024");
        _harness.Sandbox.Requests.Snapshot().Single(r => r.Method == "PUT").Parameters.ShouldContain(p => p.Key == "digest");
    }

    [Fact]
    public async Task A_stale_digest_from_the_agent_is_refused_before_sending()
    {
        var digest = Structured(await _harness.CallAsync("vm_config", new { vmid = 101 })).GetProperty("digest").GetString();
        _harness.Sandbox.Cluster.Guests[101].Config["memory"] = "3072";

        var result = await _harness.CallAsync("set_vm_config", new { vmid = 101, digest, options = new Dictionary<string, string> { ["memory"] = "8192" } });

        ServerHarness.Text(result).ShouldContain("changed since the digest you passed was read");
        _harness.Sandbox.Requests.Snapshot().ShouldNotContain(r => r.Method == "PUT");
    }

    [Fact]
    public async Task Parallel_creates_in_one_server_never_collide()
    {
        var creates = Enumerable.Range(0, 6).Select(i => _harness.CallAsync("create_container", new { hostname = $"worker{i}", template = DebianTemplate }));

        var results = await Task.WhenAll(creates);

        results.Select(r => Structured(r).GetProperty("vmid").GetInt32()).Distinct().Count().ShouldBe(6);
    }

    [Fact]
    public async Task Allocated_ids_are_not_handed_out_twice()
    {
        var first = Structured(await _harness.CallAsync("allocate_vmid")).GetProperty("vmid").GetInt32();
        var second = Structured(await _harness.CallAsync("allocate_vmid")).GetProperty("vmid").GetInt32();
        var ranged = Structured(await _harness.CallAsync("allocate_vmid", new { first = 5000, last = 5100 })).GetProperty("vmid").GetInt32();

        second.ShouldNotBe(first);
        ranged.ShouldBe(5000);
        Structured(await _harness.CallAsync("next_vmid")).GetProperty("vmid").GetInt32().ShouldBe(first);
    }

    [Fact]
    public async Task Tagged_write_scope_limits_changes_to_what_the_agent_made()
    {
        await using var scoped = await ServerHarness.StartAsync(o => o with { WriteScope = WriteScope.Tagged, CreatedTag = "agent" });

        var made = Structured(await scoped.CallAsync("create_container", new { hostname = "mine", template = DebianTemplate }));
        made.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["agent"]);
        var vmid = made.GetProperty("vmid").GetInt32();
        Structured(await scoped.CallAsync("set_container_config", new { vmid, options = new Dictionary<string, string> { ["cores"] = "2" } }));
        Structured(await scoped.CallAsync("start_container", new { vmid }));

        var refused = await scoped.CallAsync("set_vm_config", new { vmid = 101, options = new Dictionary<string, string> { ["cores"] = "8" } });
        ServerHarness.Text(refused).ShouldContain("PROXMOX_WRITE_SCOPE=tagged");
        ServerHarness.Text(await scoped.CallAsync("resize_disk", new { vmid = 101, disk = "scsi0", size = "+1G" })).ShouldContain("does not carry the tag 'agent'");
        ServerHarness.Text(await scoped.CallAsync("backup_guest", new { vmid = 101 })).ShouldContain("does not carry the tag");
    }

    [Fact]
    public async Task Passwords_are_never_echoed()
    {
        var result = await _harness.CallAsync("set_vm_config", new { vmid = 9000, options = new Dictionary<string, string> { ["cipassword"] = "hunter2-very-secret" } });

        var text = ServerHarness.Text(result) + JsonSerializer.Serialize(result.StructuredContent);
        text.ShouldNotContain("hunter2");
        text.ShouldContain("(set)");
        ServerHarness.Text(await _harness.CallAsync("vm_config", new { vmid = 9000 })).ShouldNotContain("hunter2");
    }

    private static JsonElement Structured(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true, ServerHarness.Text(result));
        return result.StructuredContent!.Value;
    }
}
