using System.Net;

namespace ProxmoxMcp.Sandbox.Tests;

/// <summary>The QEMU guest agent endpoints and their real errors.</summary>
public sealed class AgentTests : SandboxTest
{
    [Fact]
    public async Task Exec_then_exec_status_reports_once_and_forgets_the_process()
    {
        var pid = (await Api.PostAsync("/nodes/pve1/qemu/100/agent/exec", ("command", "echo"), ("command", "hello; rm -rf /"))).Data.GetProperty("pid").GetInt32();

        var status = (await Api.GetAsync("/nodes/pve1/qemu/100/agent/exec-status", $"pid={pid}")).Data;
        status.GetProperty("exited").GetInt32().ShouldBe(1);
        status.GetProperty("exitcode").GetInt32().ShouldBe(0);
        status.GetProperty("out-data").GetString().ShouldBe("hello; rm -rf /\n");

        var again = await Api.GetAsync("/nodes/pve1/qemu/100/agent/exec-status", $"pid={pid}");
        again.Status.ShouldBe(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task A_running_process_reports_not_exited_until_it_ends()
    {
        var pid = (await Api.PostAsync("/nodes/pve1/qemu/100/agent/exec", ("command", "sleep"), ("command", "0.3"))).Data.GetProperty("pid").GetInt32();

        (await Api.GetAsync("/nodes/pve1/qemu/100/agent/exec-status", $"pid={pid}")).Data.GetProperty("exited").GetInt32().ShouldBe(0);
        await Task.Delay(400, TestContext.Current.CancellationToken);
        (await Api.GetAsync("/nodes/pve1/qemu/100/agent/exec-status", $"pid={pid}")).Data.GetProperty("exited").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Agent_errors_are_the_real_ones()
    {
        (await Api.PostAsync("/nodes/pve2/qemu/102/agent/ping")).Message.ShouldBe("No QEMU guest agent configured\n");
        (await Api.WaitAsync((await Api.PostAsync("/nodes/pve1/qemu/101/status/stop")).Upid)).ShouldBe("OK");
        (await Api.PostAsync("/nodes/pve1/qemu/101/agent/ping")).Message.ShouldBe("VM 101 is not running\n");
        (await Api.GetAsync("/nodes/pve2/qemu/103/agent/network-get-interfaces")).Message.ShouldBe("QEMU guest agent is not running\n");
        (await Api.PostAsync("/nodes/pve1/qemu/100/agent/exec", ("command", "no-such-binary"))).Message.ShouldContain("No such file or directory");
    }

    [Fact]
    public async Task Network_interfaces_list_addresses()
    {
        var result = (await Api.GetAsync("/nodes/pve1/qemu/100/agent/network-get-interfaces")).Data.GetProperty("result");

        var eth = result.EnumerateArray().Single(i => i.GetProperty("name").GetString() != "lo");
        eth.GetProperty("ip-addresses").EnumerateArray().ShouldContain(a => a.GetProperty("ip-address-type").GetString() == "ipv4");
        (await Api.PostAsync("/nodes/pve1/qemu/100/agent/ping")).Status.ShouldBe(HttpStatusCode.OK);
        (await Api.GetAsync("/nodes/pve1/lxc/200/interfaces")).Data.GetArrayLength().ShouldBe(2);
    }
}
