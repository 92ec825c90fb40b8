using System.Text.Json;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Sandbox;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Tests.Preview;

/// <summary>
/// preview for every tool that changes something, against the sandbox: its request log proves the preview sent
/// nothing but reads, and that the requests the preview listed are exactly the ones the real call then sent.
/// </summary>
public sealed class PreviewEveryToolTests
{
    private const string Template = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst";

    /// <summary>One call of every tier B-D' tool, on a guest where it changes something.</summary>
    public static TheoryData<string, string> Calls => new()
    {
        { "start_vm", """{"vmid":102}""" },
        { "stop_vm", """{"vmid":101}""" },
        { "shutdown_vm", """{"vmid":103}""" },
        { "reboot_vm", """{"vmid":100}""" },
        { "suspend_vm", """{"vmid":100}""" },
        { "resume_vm", """{"vmid":100}""" },
        { "start_container", """{"vmid":202}""" },
        { "stop_container", """{"vmid":203}""" },
        { "shutdown_container", """{"vmid":201}""" },
        { "reboot_container", """{"vmid":200}""" },
        { "allocate_vmid", """{}""" },
        { "create_container", $$"""{"hostname":"web2","template":"{{Template}}","tags":["web"]}""" },
        { "create_vm", """{"name":"test-vm","iso":"local:iso/debian-12.7.0-amd64-netinst.iso","start":true}""" },
        { "clone_vm", """{"vmid":9000,"name":"web3","start":true}""" },
        { "clone_container", """{"vmid":202,"hostname":"pg2"}""" },
        { "create_snapshot", """{"vmid":100,"name":"before_change"}""" },
        { "backup_guest", """{"vmid":200}""" },
        { "resize_disk", """{"vmid":100,"disk":"scsi0","size":"+1G"}""" },
        { "set_vm_config", """{"vmid":101,"options":{"memory":6144,"onboot":true}}""" },
        { "set_container_config", """{"vmid":201,"options":{"cores":3}}""" },
        { "exec_in_vm", """{"vmid":100,"command":["echo","hi"]}""" },
    };

    [Fact]
    public void The_cases_cover_every_tool_that_changes_something()
    {
        var covered = Calls.Select(row => row.Data.Item1).Append("exec_in_container").ToHashSet();
        ToolCatalog.All.Where(t => t.Tier != ToolTier.Read).Select(t => t.Definition.Name).Where(n => !covered.Contains(n)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Preview_sends_only_reads_and_lists_exactly_what_the_real_call_sends(string tool, string json)
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, AuditLogPath = null }, new SandboxOptions { TaskDuration = TimeSpan.FromMilliseconds(20) });
        var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!;
        if (tool == "resume_vm")
        {
            (await harness.CallAsync("suspend_vm", new { vmid = 100 })).IsError.ShouldNotBe(true);
        }

        var before = harness.Sandbox.Requests.Snapshot().Count;
        var preview = await harness.CallAsync("preview", new { tool, arguments });
        var duringPreview = harness.Sandbox.Requests.Snapshot().Skip(before).ToList();

        preview.IsError.ShouldNotBe(true, ServerHarness.Text(preview));
        duringPreview.ShouldAllBe(r => r.Method == "GET", "a preview sends nothing but reads");
        var structured = preview.StructuredContent!.Value;
        structured.GetProperty("outcome").GetString().ShouldBe(tool == "allocate_vmid" ? "no_change" : "changes", ServerHarness.Text(preview));
        var planned = structured.GetProperty("requests").EnumerateArray()
            .Select(r => (Method: r.GetProperty("method").GetString()!, Path: r.GetProperty("path").GetString()!, Parameters: r.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()!).ToList()))
            .ToList();
        planned.ShouldAllBe(r => r.Method == "POST" || r.Method == "PUT");

        var sentFrom = harness.Sandbox.Requests.Snapshot().Count;
        var real = await harness.CallAsync(tool, arguments);
        real.IsError.ShouldNotBe(true, ServerHarness.Text(real));
        var sent = harness.Sandbox.Requests.Snapshot().Skip(sentFrom).Where(r => r.Method != "GET").ToList();

        sent.Select(r => $"{r.Method} {r.Path}").ShouldBe(planned.Select(p => $"{p.Method} {p.Path}"), ServerHarness.Text(preview));
        for (var i = 0; i < sent.Count; i++)
        {
            var expected = planned[i].Parameters.Select(p => p.EndsWith("=(read when it runs)", StringComparison.Ordinal) ? p.Split('=')[0] + "=*" : p).Order(StringComparer.Ordinal);
            var actual = sent[i].Parameters.Select(p => planned[i].Parameters.Contains($"{p.Key}=(read when it runs)") ? p.Key + "=*" : $"{p.Key}={p.Value}").Order(StringComparer.Ordinal);
            actual.ShouldBe(expected, $"{sent[i].Method} {sent[i].Path}");
        }
    }

    [Fact]
    public async Task Exec_in_container_is_previewed_as_the_command_line_the_node_would_run_and_nothing_connects()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true, AuditLogPath = null });

        var preview = await harness.CallAsync("preview", new { tool = "exec_in_container", arguments = new { vmid = 200, shell = "systemctl restart pihole-FTL", timeout_seconds = 30 } });

        preview.IsError.ShouldNotBe(true, ServerHarness.Text(preview));
        var structured = preview.StructuredContent!.Value;
        structured.GetProperty("requests").GetArrayLength().ShouldBe(0);
        var command = structured.GetProperty("commands").EnumerateArray().Single();
        command.GetProperty("node").GetString().ShouldBe("pve1");
        command.GetProperty("argv").EnumerateArray().Select(a => a.GetString()).ShouldBe(["pct", "exec", "200", "--", "/bin/sh", "-c", "systemctl restart pihole-FTL"]);
        var exec = structured.GetProperty("exec");
        exec.GetProperty("allowed").GetBoolean().ShouldBeTrue();
        exec.GetProperty("time_limit_seconds").GetInt32().ShouldBe(30);
        exec.GetProperty("user").GetString()!.ShouldStartWith("root");
        ServerHarness.Text(preview).ShouldContain("Runs in container 200 (pihole) as root");
        harness.Sandbox.Requests.Snapshot().ShouldAllBe(r => r.Method == "GET");
    }
}
