using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Api;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Safety;
using ProxmoxMcp.Safety.Policy;
using ProxmoxMcp.Sandbox;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Tests.Safety;

/// <summary>
/// The holes an attacking agent found (issue 14), tried again the way an agent would: through the real
/// MCP client against the sandbox over HTTPS. Each is refused with a clear reason before anything that
/// changes state, reads guest files or fetches URLs reaches the sandbox (its request log proves it);
/// the same requests built by hand and handed straight to the guarded API client are refused too.
/// </summary>
public sealed class AttackTests
{
    private const string Template = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst";

    [Theory]
    [InlineData("/,mp=/host")]
    [InlineData("/dev/sda,mp=/mnt/sda")]
    [InlineData("local-lvm:vm-200-disk-0,mp=/data")]
    public async Task Host_paths_devices_and_other_guests_volumes_never_mount_into_a_new_container(string mount)
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { WriteScope = WriteScope.Tagged });
        harness.Sandbox.Requests.Clear();

        var result = await Call(harness, "create_container", new { hostname = "evil", template = Template, extra_options = new Dictionary<string, string> { ["mp0"] = mount } });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain("mp0");
        harness.Sandbox.Requests.Snapshot().ShouldBeEmpty("the options are refused before any request");
        await HandBuiltIsRefused(harness, api => api.PostAsync("/nodes/pve1/lxc", new ProxmoxParameters()
            .Add("vmid", 900L).Add("ostemplate", Template).Add("rootfs", "local-lvm:8").Add("unprivileged", true).Add("mp0", mount)), "mp0");
    }

    [Fact]
    public async Task A_privileged_container_is_never_created()
    {
        await using var harness = await ServerHarness.StartAsync();
        await HandBuiltIsRefused(harness, api => api.PostAsync("/nodes/pve1/lxc", new ProxmoxParameters()
            .Add("vmid", 900L).Add("ostemplate", Template).Add("rootfs", "local-lvm:8").Add("unprivileged", false)), "unprivileged");
        await HandBuiltIsRefused(harness, api => api.PostAsync("/nodes/pve1/lxc", new ProxmoxParameters()
            .Add("vmid", 900L).Add("ostemplate", Template).Add("rootfs", "local-lvm:8")), "'unprivileged' must be sent");
    }

    [Fact]
    public async Task The_agent_cannot_put_the_exec_tag_on_a_guest_and_then_run_commands_in_it()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, ExecAllowTag = "execok", AuditLogPath = null });
        harness.Sandbox.Requests.Clear();

        var tagged = await Call(harness, "set_vm_config", new { vmid = 101, options = new Dictionary<string, string> { ["tags"] = "home;execok" } });
        tagged.IsError.ShouldBe(true);
        ServerHarness.Text(tagged).ShouldContain("only a human may add it");
        var exec = await Call(harness, "exec_in_vm", new { vmid = 101, command = new[] { "id" } });
        exec.IsError.ShouldBe(true);
        ServerHarness.Text(exec).ShouldContain("requires the tag 'execok'");
        var created = await Call(harness, "create_vm", new { name = "sneaky", tags = new[] { "execok" } });
        created.IsError.ShouldBe(true);
        ServerHarness.Text(created).ShouldContain("only a human may put it on a guest");

        NothingChanged(harness);
        await HandBuiltIsRefused(harness, api => api.PutAsync("/nodes/pve1/qemu/101/config", new ProxmoxParameters().Add("tags", "home;execok")), "may not be added");
        await HandBuiltIsRefused(harness, api => api.PostAsync("/nodes/pve1/qemu", new ProxmoxParameters().Add("vmid", 900L).Add("tags", "execok")), "a new guest may not carry 'execok'");
        await HandBuiltIsRefused(harness, api => api.PostAsync("/nodes/pve1/qemu/101/agent/exec", new ProxmoxParameters().AddEach("command", ["id"])), "only the exec tools");
    }

    [Fact]
    public async Task A_guest_keeps_the_tags_that_grant_powers_whatever_tags_the_agent_sets()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, ExecAllowTag = "prod", AuditLogPath = null });

        var changed = await harness.CallAsync("set_vm_config", new { vmid = 100, options = new Dictionary<string, string> { ["tags"] = "docker" } });

        changed.IsError.ShouldNotBe(true, ServerHarness.Text(changed));
        harness.Sandbox.Cluster.Guests[100].TagList.ShouldContain("prod");
        await HandBuiltIsRefused(harness, api => api.PutAsync("/nodes/pve1/qemu/100/config", new ProxmoxParameters().Add("tags", "docker")), "may not be removed");
        var clone = await Call(harness, "clone_vm", new { vmid = 100, name = "copy" });
        clone.IsError.ShouldBe(true);
        ServerHarness.Text(clone).ShouldContain("a clone would copy it");
        harness.Sandbox.Requests.Snapshot().ShouldNotContain(r => r.Path.EndsWith("/clone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tags_in_capitals_are_tags_and_no_spelling_of_a_tag_that_grants_powers_is_added_or_kept_for_a_write()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, ExecAllowTag = "execok", AuditLogPath = null });
        // Capitals in a guest's configuration: a human with case-sensitive tags, or a hand-edited file.
        // Whatever is written, Proxmox (the default tag style, as the sandbox) stores lowercased.
        harness.Sandbox.Cluster.Guests[9000].Config["tags"] = "Debian";
        harness.Sandbox.Cluster.Guests[102].Config["tags"] = "execok;web";

        var clone = await Call(harness, "clone_vm", new { vmid = 9000, name = "from-debian" });
        var spelled = await Call(harness, "set_vm_config", new { vmid = 101, options = new Dictionary<string, string> { ["tags"] = "home;EXECOK" } });
        var kept = await Call(harness, "set_vm_config", new { vmid = 102, options = new Dictionary<string, string> { ["tags"] = "web;Docker" } });

        clone.IsError.ShouldNotBe(true, ServerHarness.Text(clone));
        harness.Sandbox.Cluster.Guests[clone.StructuredContent!.Value.GetProperty("vmid").GetInt32()].TagList.ShouldBe(["debian", "mcp"]);
        spelled.IsError.ShouldBe(true);
        ServerHarness.Text(spelled).ShouldContain("'EXECOK' is a spelling of 'execok'");
        kept.IsError.ShouldNotBe(true, ServerHarness.Text(kept));
        harness.Sandbox.Cluster.Guests[102].TagList.ShouldBe(["docker", "execok", "web"]);
        await HandBuiltIsRefused(harness, api => api.PutAsync("/nodes/pve1/qemu/101/config", new ProxmoxParameters().Add("tags", "home;ExecOK")), "is a spelling of 'execok'");
        await HandBuiltIsRefused(harness, api => api.PutAsync("/nodes/pve2/qemu/102/config", new ProxmoxParameters().Add("tags", "execok;EXECOK;web")), "is a spelling of 'execok'");
        await HandBuiltIsRefused(harness, api => api.PostAsync("/nodes/pve1/qemu", new ProxmoxParameters().Add("vmid", 900L).Add("tags", "mcp;ExecOk")), "a new guest may not carry 'execok'");
        harness.Sandbox.Cluster.Guests[101].TagList.ShouldNotContain(t => t.Equals("execok", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("web\r", "web\\u000D", "holds a line break or another control character")]
    [InlineData("web\u0085", "web\\u0085", "holds a line break or another control character")]
    [InlineData("web\u200B", "web\\u200B", "holds 'web\\u200B'")]
    public async Task A_refused_tag_with_a_hidden_character_is_shown_with_it(string tag, string shown, string policyReason)
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { AuditLogPath = null });

        var result = await Call(harness, "set_vm_config", new { vmid = 101, options = new Dictionary<string, string> { ["tags"] = "home;" + tag } });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain(shown);
        ServerHarness.Text(result).ShouldNotContain(tag);
        await HandBuiltIsRefused(harness, api => api.PutAsync("/nodes/pve1/qemu/101/config", new ProxmoxParameters().Add("tags", "home;" + tag)), policyReason);
        harness.Sandbox.Cluster.Guests[101].TagList.ShouldNotContain(t => t.StartsWith("web", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_guest_holding_another_spelling_of_a_tag_that_grants_powers_keeps_its_tags_until_a_human_changes_them()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, ExecAllowTag = "execok", AuditLogPath = null });
        // Written back, 'ExecOK' would be stored as 'execok' and grant exec: no tags write may touch such a guest.
        harness.Sandbox.Cluster.Guests[101].Config["tags"] = "home;ExecOK";
        harness.Sandbox.Cluster.Guests[9000].Config["tags"] = "ExecOK";

        var retag = await Call(harness, "set_vm_config", new { vmid = 101, options = new Dictionary<string, string> { ["tags"] = "home;web" } });
        var exec = await Call(harness, "exec_in_vm", new { vmid = 101, command = new[] { "id" } });
        var clone = await Call(harness, "clone_vm", new { vmid = 9000, name = "from-execok" });

        retag.IsError.ShouldBe(true);
        ServerHarness.Text(retag).ShouldContain("carries 'ExecOK', a spelling of 'execok'");
        exec.IsError.ShouldBe(true);
        clone.IsError.ShouldBe(true);
        ServerHarness.Text(clone).ShouldContain("a clone would copy it");
        NothingChanged(harness);
        await HandBuiltIsRefused(harness, api => api.PutAsync("/nodes/pve1/qemu/101/config", new ProxmoxParameters().Add("tags", "home;ExecOK;execok")), "carries 'ExecOK', a spelling of 'execok'");
        await HandBuiltIsRefused(harness, api => api.PutAsync("/nodes/pve1/qemu/101/config", new ProxmoxParameters().Add("tags", "home;ExecOK")), "carries 'ExecOK', a spelling of 'execok'");
        await HandBuiltIsRefused(harness, api => api.PostAsync("/nodes/pve1/qemu/9000/clone", new ProxmoxParameters().Add("newid", 950L).Add("name", "x")), "a clone would copy it");
        harness.Sandbox.Cluster.Guests[101].Tags.ShouldBe("home;ExecOK");
    }

    [Fact]
    public async Task No_guest_made_by_the_agent_takes_a_vmid_the_exec_allow_list_names()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, ExecAllowVmids = new HashSet<int> { 150 }, AuditLogPath = null });
        harness.Sandbox.Requests.Clear();

        foreach (var (tool, arguments) in new (string, object)[]
        {
            ("clone_vm", new { vmid = 9000, newid = 150 }),
            ("create_vm", new { name = "x", vmid = 150 }),
            ("create_container", new { hostname = "x", template = Template, vmid = 150 }),
        })
        {
            var result = await Call(harness, tool, arguments);
            result.IsError.ShouldBe(true, tool);
            ServerHarness.Text(result).ShouldContain("PROXMOX_EXEC_ALLOW");
        }
        ServerHarness.Text(await Call(harness, "allocate_vmid", new { first = 150, last = 150 })).ShouldNotContain("\"vmid\":150");

        NothingChanged(harness);
        await HandBuiltIsRefused(harness, api => api.PostAsync("/nodes/pve1/qemu/9000/clone", new ProxmoxParameters().Add("newid", 150L)), "newid=150");
    }

    [Fact]
    public async Task Exec_obeys_the_write_scope()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, WriteScope = WriteScope.Tagged, AuditLogPath = null });
        harness.Sandbox.Requests.Clear();

        var result = await Call(harness, "exec_in_vm", new { vmid = 100, command = new[] { "id" } });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain("PROXMOX_WRITE_SCOPE=tagged");
        NothingChanged(harness);
    }

    [Theory]
    [InlineData("/nodes/pve1/qemu/100/agent/file-read", "file", "/etc/shadow")]
    [InlineData("/nodes/pve1/query-url-metadata", "url", "http://169.254.169.254/latest/meta-data/")]
    [InlineData("/nodes/pve1/storage/local/file-restore/list", "volume", "local:backup/vzdump-qemu-100.vma.zst")]
    [InlineData("/nodes/pve1/qemu/100/agent/exec-status", "pid", "1")]
    [InlineData("/nodes/pve1/qemu/100/agent/network-get-interfaces", null, null)]
    [InlineData("/nodes/pve1/scan/nfs", "server", "10.0.0.1")]
    public async Task Proxmox_api_get_reads_only_the_reviewed_audit_reads(string path, string? key, string? value)
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, AuditLogPath = null });
        harness.Sandbox.Requests.Clear();
        var parameters = key is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [key] = value! };

        var result = await Call(harness, "proxmox_api_get", new { path, @params = parameters });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain("refused");
        harness.Sandbox.Requests.Snapshot().ShouldBeEmpty();
        if (!path.Contains("network-get-interfaces", StringComparison.Ordinal) && !path.Contains("exec-status", StringComparison.Ordinal))
        {
            // Refused for every caller, so also when built by hand.
            await HandBuiltIsRefused(harness, api => api.GetAsync(path, key is null ? null : new ProxmoxParameters().Add(key, value)), "refused");
        }
    }

    [Theory]
    [InlineData("https:/api2/json/nodes/pve1/qemu/100/agent/file-read")]
    [InlineData("/https:/api2/json/cluster/resources")]
    [InlineData("//evil.example/api2/json/nodes")]
    [InlineData("/nodes/pve1/qemu/100/status/%2E%2E/%2E%2E/agent/file-read")]
    public async Task The_path_checked_is_the_path_sent(string path)
    {
        await using var harness = await ServerHarness.StartAsync();
        harness.Sandbox.Requests.Clear();

        var result = await Call(harness, "proxmox_api_get", new { path });

        result.IsError.ShouldBe(true);
        harness.Sandbox.Requests.Snapshot().ShouldBeEmpty();
        await HandBuiltIsRefused(harness, api => api.GetAsync(path), "refused");
    }

    [Fact]
    public async Task The_exec_time_limit_comes_from_the_guest_agent_not_the_writable_ostype()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, AuditLogPath = null });

        (await harness.CallAsync("set_vm_config", new { vmid = 101, options = new Dictionary<string, string> { ["ostype"] = "win11" } })).IsError.ShouldNotBe(true);
        var slow = await harness.CallAsync("exec_in_vm", new { vmid = 101, command = new[] { "sleep", "100000" }, timeout_seconds = 1 });

        slow.IsError.ShouldNotBe(true, ServerHarness.Text(slow));
        slow.StructuredContent!.Value.GetProperty("timed_out").GetBoolean().ShouldBeTrue();
        harness.Sandbox.Requests.Snapshot().Single(r => r.Path.EndsWith("/agent/exec", StringComparison.Ordinal))
            .Parameters.Where(p => p.Key == "command").Select(p => p.Value).Take(4).ShouldBe(["timeout", "-k", "5", "1"]);
    }

    [Fact]
    public async Task Exec_is_refused_where_no_time_limit_can_be_enforced()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, AuditLogPath = null });
        var windows = harness.Sandbox.Cluster.Guests[102];
        windows.Config["agent"] = "1";
        (await harness.CallAsync("start_vm", new { vmid = 102 })).IsError.ShouldNotBe(true);
        harness.Sandbox.Requests.Clear();

        var result = await Call(harness, "exec_in_vm", new { vmid = 102, command = new[] { "cmd.exe", "/c", "ping -t localhost" } });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain("no time limit can be enforced");
        NothingChanged(harness);
    }

    [Fact]
    public async Task Storage_is_never_over_committed()
    {
        await using var harness = await ServerHarness.StartAsync();
        harness.Sandbox.Requests.Clear();

        var huge = await Call(harness, "create_vm", new { name = "huge", disk_gib = 131072 });
        huge.IsError.ShouldBe(true);
        ServerHarness.Text(huge).ShouldMatch(@"needs 131072 GiB on storage 'local-lvm' of node pve1, which has [0-9.]+ GiB free");
        var disk = await Call(harness, "set_vm_config", new { vmid = 101, options = new Dictionary<string, string> { ["scsi1"] = "local-lvm:999999" } });
        disk.IsError.ShouldBe(true);
        var grow = await Call(harness, "resize_disk", new { vmid = 101, disk = "scsi0", size = "+100000G" });
        grow.IsError.ShouldBe(true);
        ServerHarness.Text(grow).ShouldContain("which has");

        NothingChanged(harness);
        await HandBuiltIsRefused(harness, api => api.PostAsync("/nodes/pve1/qemu", new ProxmoxParameters().Add("vmid", 900L).Add("tags", "mcp").Add("scsi0", "local-lvm:999999")), "free");
    }

    [Theory]
    [InlineData("scsi1", "local-lvm:0,import-from=/dev/pve/vm-101-disk-0")]
    [InlineData("serial0", "/dev/ttyS0")]
    [InlineData("hookscript", "local:snippets/hook.sh")]
    [InlineData("args", "-monitor stdio")]
    [InlineData("hostpci0", "0000:01:00.0")]
    public async Task Vm_options_that_reach_the_host_are_refused_by_hand_too(string key, string value)
    {
        await using var harness = await ServerHarness.StartAsync();
        await HandBuiltIsRefused(harness, api => api.PutAsync("/nodes/pve1/qemu/101/config", new ProxmoxParameters().Add(key, value)), key);
    }

    [Fact]
    public async Task Container_features_that_reach_the_host_are_refused_by_hand_too()
    {
        await using var harness = await ServerHarness.StartAsync();
        await HandBuiltIsRefused(harness, api => api.PutAsync("/nodes/pve1/lxc/200/config", new ProxmoxParameters().Add("features", "mount=nfs,mknod=1")), "features");
    }

    [Fact]
    public async Task A_clone_never_copies_a_humans_host_access_to_the_agent()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, AuditLogPath = null });
        var vm = harness.Sandbox.Cluster.Guests[102];
        vm.Config["hookscript"] = "local:snippets/hook.pl";
        var ct = harness.Sandbox.Cluster.Guests[202];
        ct.Config["unprivileged"] = "0";
        harness.Sandbox.Requests.Clear();

        var vmClone = await Call(harness, "clone_vm", new { vmid = 102, newid = 941 });
        vmClone.IsError.ShouldBe(true);
        ServerHarness.Text(vmClone).ShouldContain("has hookscript");
        var ctClone = await Call(harness, "clone_container", new { vmid = 202, newid = 942 });
        ctClone.IsError.ShouldBe(true);
        ServerHarness.Text(ctClone).ShouldContain("privileged container");
        vm.Config.Remove("hookscript");
        vm.Config["args"] = "-fw_cfg name=opt/x,file=/etc/pve/priv/authkey.key";
        ServerHarness.Text(await Call(harness, "clone_vm", new { vmid = 102, newid = 943 })).ShouldContain("has args");
        vm.Config.Remove("args");
        vm.Config["hostpci0"] = "0000:01:00.0";
        ServerHarness.Text(await Call(harness, "clone_vm", new { vmid = 102, newid = 944 })).ShouldContain("has hostpci0");

        NothingChanged(harness);
    }

    [Fact]
    public async Task Under_the_tagged_write_scope_only_templates_and_tagged_guests_are_cloned()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, WriteScope = WriteScope.Tagged, AuditLogPath = null });
        harness.Sandbox.Requests.Clear();

        var copy = await Call(harness, "clone_vm", new { vmid = 100, newid = 950 });
        copy.IsError.ShouldBe(true);
        ServerHarness.Text(copy).ShouldContain("PROXMOX_WRITE_SCOPE=tagged");
        NothingChanged(harness);
        await HandBuiltIsRefused(harness, api => api.PostAsync("/nodes/pve1/qemu/100/clone", new ProxmoxParameters().Add("newid", 950L)), "neither a template");

        var fromTemplate = await harness.CallAsync("clone_vm", new { vmid = 9000, newid = 951, name = "web" });
        fromTemplate.IsError.ShouldNotBe(true, ServerHarness.Text(fromTemplate));
        harness.Sandbox.Cluster.Guests[951].TagList.ShouldContain("mcp");
    }

    [Theory]
    [InlineData("qemu", 101, "scsi0", "local-lvm:8")]
    [InlineData("qemu", 9000, "ide2", "none,media=cdrom")]
    [InlineData("lxc", 200, "rootfs", "local-lvm:8")]
    public async Task No_request_replaces_a_volume_a_guest_already_has(string kind, int vmid, string key, string value)
    {
        await using var harness = await ServerHarness.StartAsync();
        var node = harness.Sandbox.Cluster.Guests[vmid].Node;
        await HandBuiltIsRefused(harness, api => api.PutAsync($"/nodes/{node}/{kind}/{vmid}/config", new ProxmoxParameters().Add(key, value)), kind == "lxc" && key == "rootfs" ? "rootfs" : "already holds");
    }

    [Fact]
    public async Task A_replaced_mount_point_is_refused_by_hand_too()
    {
        await using var harness = await ServerHarness.StartAsync();
        harness.Sandbox.Cluster.Guests[202].Config["mp0"] = "local-lvm:vm-202-disk-1,mp=/var/lib/postgresql,size=8G";
        await HandBuiltIsRefused(harness, api => api.PutAsync("/nodes/pve2/lxc/202/config", new ProxmoxParameters().Add("mp0", "local-lvm:8,mp=/var/lib/postgresql")), "already holds");
    }

    [Fact]
    public async Task The_snapshot_name_Proxmox_reserves_is_refused_by_hand_too()
    {
        await using var harness = await ServerHarness.StartAsync();
        // Proxmox refuses it too; the policy does not count on that.
        await HandBuiltIsRefused(harness, api => api.PostAsync("/nodes/pve1/qemu/100/snapshot", new ProxmoxParameters().Add("snapname", "current")), "other than 'current'");
    }

    [Theory]
    [InlineData("set_vm_config", """{"vmid":101,"options":{"tags":"home;execok\n"}}""")]
    [InlineData("create_vm", """{"name":"x","tags":["execok\n"]}""")]
    [InlineData("set_vm_config", """{"vmid":101,"options":{"scsi1":"local-lvm:20\n"}}""")]
    [InlineData("set_container_config", """{"vmid":200,"options":{"mp1":"local-lvm:10,mp=/data\n"}}""")]
    [InlineData("proxmox_api_get", """{"path":"/cluster/resources","params":{"type\n":"vm"}}""")]
    public async Task A_line_break_at_the_end_of_a_value_never_slips_through(string tool, string json)
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, ExecAllowTag = "execok", AuditLogPath = null });
        harness.Sandbox.Requests.Clear();

        var result = await harness.Client.CallToolAsync(tool, JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!, cancellationToken: TestContext.Current.CancellationToken);

        result.IsError.ShouldBe(true);
        NothingChanged(harness);
        harness.Sandbox.Requests.Snapshot().ShouldNotContain(r => r.Parameters.Any(p => p.Key.Contains('\n') || p.Value.Contains('\n')));
        await HandBuiltIsRefused(harness, api => api.PutAsync("/nodes/pve1/qemu/101/config", new ProxmoxParameters().Add("tags", "home;execok\n")), "line break");
    }

    [Fact]
    public async Task What_the_holes_closed_around_still_works()
    {
        await using var harness = await ServerHarness.StartAsync();

        foreach (var (tool, arguments) in new (string, object)[]
        {
            ("set_vm_config", new { vmid = 101, options = new Dictionary<string, string> { ["ide3"] = "local:iso/debian-12.7.0-amd64-netinst.iso,media=cdrom", ["scsi1"] = "local-lvm:20,iothread=1", ["net1"] = "virtio,bridge=vmbr0,tag=20" } }),
            ("set_container_config", new { vmid = 200, options = new Dictionary<string, string> { ["mp1"] = "local-lvm:10,mp=/opt/c++,mountoptions=noatime;nodev", ["features"] = "nesting=1,keyctl=1" } }),
            ("create_vm", new { name = "uefi", extra_options = new Dictionary<string, string> { ["bios"] = "ovmf", ["efidisk0"] = "local-lvm:1,efitype=4m,pre-enrolled-keys=1" } }),
            ("set_vm_config", new { vmid = 102, options = new Dictionary<string, string> { ["ide0"] = "local-lvm:cloudinit", ["ipconfig0"] = "ip=192.168.1.50/24,gw=192.168.1.1" } }),
            ("create_container", new { hostname = "ok", template = Template, extra_options = new Dictionary<string, string> { ["mp0"] = "local-lvm:4,mp=/data" } }),
        })
        {
            var result = await harness.CallAsync(tool, arguments);
            result.IsError.ShouldNotBe(true, $"{tool}: {ServerHarness.Text(result)}");
        }
    }

    private static Task<CallToolResult> Call(ServerHarness harness, string tool, object arguments) =>
        harness.Client.CallToolAsync(tool, JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments))!,
            cancellationToken: TestContext.Current.CancellationToken).AsTask();

    /// <summary>Nothing that changes state, reads guest files or makes the node fetch anything reached the sandbox (the agent's OS report is a reviewed audit read).</summary>
    private static void NothingChanged(ServerHarness harness) =>
        harness.Sandbox.Requests.Snapshot()
            .Where(r => r.Method != "GET" || (r.Path.Contains("/agent/", StringComparison.Ordinal) && !r.Path.EndsWith("/agent/get-osinfo", StringComparison.Ordinal))
                || r.Path.Contains("file-restore", StringComparison.Ordinal) || r.Path.Contains("query-url", StringComparison.Ordinal))
            .ShouldBeEmpty();

    /// <summary>The request, handed straight to the guarded API client (no tool's checks in between), is refused by the policy and never reaches the sandbox.</summary>
    private static async Task HandBuiltIsRefused(ServerHarness harness, Func<IProxmoxApi, Task<JsonElement>> send, string reason)
    {
        harness.ExpectPolicyRefusals++;
        var before = harness.Sandbox.Requests.Snapshot().Count(r => r.Method != "GET" || !IsFactsRead(r));
        var api = harness.Services.GetRequiredService<IProxmoxApi>();
        // As if a provisioning tool had skipped its own checks: the request comes from inside a tool call.
        using var caller = PolicyCaller.Enter("a_tool_without_checks", CallerRole.Tool, new ToolCall("a_tool_without_checks", ToolTier.Provision));
        var refusal = await Should.ThrowAsync<SafetyRefusedException>(() => send(api));
        refusal.Message.ShouldContain(reason);
        harness.Sandbox.Requests.Snapshot().Count(r => r.Method != "GET" || !IsFactsRead(r)).ShouldBe(before);
    }

    /// <summary>The policy's own reads of the cluster's state (tags, configuration, free space), which a hand-built request may cause.</summary>
    private static bool IsFactsRead(RequestRecord record) =>
        record.Path == "/cluster/resources" || record.Path.EndsWith("/config", StringComparison.Ordinal)
        || record.Path.EndsWith("/status", StringComparison.Ordinal) || record.Path.EndsWith("/content", StringComparison.Ordinal);
}
