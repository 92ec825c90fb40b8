using ProxmoxMcp.Safety;

namespace ProxmoxMcp.Tests.Safety;

/// <summary>Each row of the destructive-calls table of ../shared/pve-api/README.md, refused.</summary>
public sealed class DestructiveTableTests
{
    private readonly DestructivePolicy _policy = new(PolicyTestSettings.Options with { EnableExec = false });

    public static TheoryData<string, string, string> Rows => new()
    {
        { "POST", "/nodes/pve1/qemu/100/config", "delete=scsi1" },
        { "PUT", "/nodes/pve1/qemu/100/config", "delete=unused0" },
        { "PUT", "/nodes/pve1/qemu/100/config", "delete=scsi1&force=1" },
        { "PUT", "/nodes/pve1/qemu/100/config", "delete=vmstate" },
        { "PUT", "/nodes/pve1/lxc/200/config", "delete=mp0" },
        { "PUT", "/nodes/pve1/qemu/100/unlink", "idlist=scsi1&force=1" },
        { "POST", "/nodes/pve1/qemu/100/snapshot/before/rollback", "" },
        { "POST", "/nodes/pve1/lxc/200/snapshot/before/rollback", "" },
        { "POST", "/nodes/pve1/qemu", "vmid=100&archive=local:backup/vzdump-qemu-100.vma.zst&force=1" },
        { "POST", "/nodes/pve1/lxc", "vmid=200&ostemplate=local:backup/vzdump-lxc-200.tar.zst&restore=1&force=1" },
        { "POST", "/nodes/pve1/qemu/100/move_disk", "disk=scsi0&storage=local-lvm&delete=1" },
        { "POST", "/nodes/pve1/lxc/200/move_volume", "volume=rootfs&storage=local-lvm&delete=1" },
        { "POST", "/nodes/pve1/qemu/100/remote_migrate", "target-endpoint=x&target-storage=y&target-bridge=z&delete=1" },
        { "POST", "/nodes/pve1/lxc/200/remote_migrate", "target-endpoint=x&target-storage=y&target-bridge=z&delete=1" },
        { "POST", "/nodes/pve1/vzdump", "vmid=100&storage=local" },
        { "POST", "/nodes/pve1/vzdump", "vmid=100&storage=local&remove=1" },
        { "PUT", "/nodes/pve1/disks/wipedisk", "disk=/dev/sdb" },
        { "PUT", "/nodes/pve1/qemu/100/resize", "disk=scsi0&size=8G" },
        { "PUT", "/nodes/pve1/lxc/200/resize", "disk=rootfs&size=2G" },
        { "POST", "/nodes/pve1/qemu/100/template", "" },
        { "POST", "/nodes/pve1/lxc/200/template", "" },
        { "POST", "/nodes/pve1/qemu/100/status/reset", "" },
        { "POST", "/nodes/pve1/qemu/100/status/shutdown", "forceStop=1" },
        { "POST", "/nodes/pve1/lxc/200/status/shutdown", "forceStop=1" },
        { "POST", "/nodes/pve1/qemu/100/agent/exec", "command=rm&command=-rf&command=/" },
        { "POST", "/nodes/pve1/qemu/100/agent/file-write", "file=/etc/passwd&content=x" },
        { "POST", "/nodes/pve1/qemu/100/agent/set-user-password", "username=root&password=x" },
        { "POST", "/nodes/pve1/qemu/100/monitor", "command=quit" },
        { "POST", "/nodes/pve1/status", "command=reboot" },
        { "POST", "/nodes/pve1/stopall", "" },
        { "POST", "/nodes/pve1/suspendall", "" },
        { "POST", "/cluster/bulk-action/guest/stop", "" },
        { "POST", "/cluster/bulk-action/guest/shutdown", "" },
        { "POST", "/nodes/pve1/execute", "commands=[]" },
        { "PUT", "/nodes/pve1/qemu/100/config", "protection=0" },
        { "DELETE", "/nodes/pve1/qemu/100", "" },
        { "DELETE", "/nodes/pve1/qemu/100/snapshot/before", "" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Every_row_is_refused(string method, string path, string query)
    {
        var decision = await _policy.EvaluateAsync(method, path, Parse(query), TestContext.Current.CancellationToken);

        decision.Allowed.ShouldBeFalse();
        decision.Reason.ShouldContain("refused");
    }

    [Fact]
    public void Stop_is_the_one_row_the_tiers_allow_deliberately()
    {
        // The README's table lists status/stop as lossy; tier B offers it on purpose (it is reversible: start again).
        _policy.EvaluateTable("POST", "/nodes/pve1/qemu/100/status/stop", []).Allowed.ShouldBeTrue();
    }

    [Theory]
    [InlineData("POST", "/nodes/pve1/qemu/100/status/../../../stopall")]
    [InlineData("POST", "/nodes/pve1/qemu/100/status/%2E%2E/start")]
    [InlineData("POST", "/nodes/pve1%2Fqemu%2F100/vzdump")]
    [InlineData("POST", "/nodes/pve1/qemu/100/status/start?delete=1")]
    [InlineData("POST", "nodes/pve1/qemu/100/status/start")]
    [InlineData("PATCH", "/nodes/pve1/qemu/100/config")]
    [InlineData("TRACE", "/version")]
    public void Crafted_paths_and_methods_are_refused(string method, string path)
    {
        _policy.EvaluateTable(method, path, []).Allowed.ShouldBeFalse();
    }

    [Fact]
    public void Additive_calls_pass()
    {
        _policy.EvaluateTable("POST", "/nodes/pve1/vzdump", Parse("vmid=100&storage=local&remove=0")).Allowed.ShouldBeTrue();
        _policy.EvaluateTable("PUT", "/nodes/pve1/qemu/100/resize", Parse("disk=scsi0&size=+8G")).Allowed.ShouldBeTrue();
        _policy.EvaluateTable("PUT", "/nodes/pve1/qemu/100/config", Parse("protection=1&memory=4096")).Allowed.ShouldBeTrue();
        _policy.EvaluateTable("GET", "/cluster/resources", []).Allowed.ShouldBeTrue();
    }

    internal static List<KeyValuePair<string, string>> Parse(string query) =>
        query.Length == 0
            ? []
            : query.Split('&').Select(pair => pair.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p.Length > 1 ? p[1] : string.Empty)).ToList();
}
