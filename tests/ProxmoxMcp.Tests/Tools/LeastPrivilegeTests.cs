namespace ProxmoxMcp.Tests.Tools;

/// <summary>Every tier works with the least-privilege token the README recommends; a read-only token reads and is refused the rest with the privilege named.</summary>
public sealed class LeastPrivilegeTests
{
    [Fact]
    public async Task The_recommended_role_covers_every_tool()
    {
        await using var limited = await ServerHarness.StartAsync(o => o with { EnableExec = true, AuditLogPath = null }, token: tokens => tokens.LeastPrivilege);

        foreach (var (tool, arguments) in new (string, object)[]
        {
            ("list_nodes", new { }), ("node_status", new { node = "pve1" }), ("cluster_resources", new { }), ("list_vms", new { }), ("vm_config", new { vmid = 100 }),
            ("list_storage", new { }), ("list_templates", new { }), ("storage_content", new { storage = "local" }), ("list_tasks", new { node = "pve1" }),
            ("guest_network", new { vmid = 100 }), ("list_snapshots", new { vmid = 100 }), ("start_vm", new { vmid = 102 }), ("reboot_container", new { vmid = 201 }),
            ("create_container", new { hostname = "lp", template = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst" }),
            ("clone_vm", new { vmid = 9000, name = "lp-vm" }), ("set_vm_config", new { vmid = 101, options = new Dictionary<string, string> { ["cores"] = "3", ["ciuser"] = "x", ["net1"] = "virtio,bridge=vmbr1" } }),
            ("create_snapshot", new { vmid = 101, name = "lp1" }), ("backup_guest", new { vmid = 101 }), ("resize_disk", new { vmid = 101, disk = "scsi0", size = "+1G" }),
            ("exec_in_vm", new { vmid = 100, command = new[] { "true" } }),
            ("cluster_health", new { }), ("node_diagnostics", new { node = "pve1", aspect = "syslog" }), ("node_diagnostics", new { node = "pve1", aspect = "disks" }),
            ("cluster_overview", new { aspect = "access" }), ("cluster_overview", new { aspect = "sdn" }), ("guest_details", new { vmid = 100, aspect = "agent" }),
        })
        {
            var result = await limited.CallAsync(tool, arguments);
            result.IsError.ShouldNotBe(true, $"{tool}: {ServerHarness.Text(result)}");
        }
    }

    [Fact]
    public async Task A_read_only_token_reads_and_is_told_which_privilege_it_lacks()
    {
        await using var readOnly = await ServerHarness.StartAsync(token: tokens => tokens.ReadOnly);

        (await readOnly.CallAsync("list_vms")).IsError.ShouldNotBe(true);
        (await readOnly.CallAsync("cluster_health")).IsError.ShouldNotBe(true);
        (await readOnly.CallAsync("node_diagnostics", new { node = "pve1", aspect = "syslog" })).IsError.ShouldNotBe(true);
        ServerHarness.Text(await readOnly.CallAsync("create_snapshot", new { vmid = 101, name = "nope" })).ShouldContain("VM.Snapshot");
        ServerHarness.Text(await readOnly.CallAsync("set_vm_config", new { vmid = 101, options = new Dictionary<string, string> { ["cores"] = "3" } })).ShouldContain("VM.Config.CPU");
    }
}
