using ProxmoxMcp.Configuration;
using ProxmoxMcp.Tests.Confirmation;

namespace ProxmoxMcp.Tests.Preview;

/// <summary>
/// The preview is what the person reads when PROXMOX_CONFIRM asks them, and a yes covers exactly the changes it
/// showed: a guest that changes while the question is open makes the call refuse instead of doing something else.
/// </summary>
public sealed class PreviewConfirmationTests
{
    private static Func<ProxmoxOptions, ProxmoxOptions> ConfirmTool(string tool) =>
        options => options with { Confirm = new ConfirmationRules { Tools = new HashSet<string> { tool } }, ConfirmTimeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task The_question_shows_the_preview_word_for_word_and_preview_itself_asks_nobody()
    {
        var user = new ScriptedUser("decline");
        await using var harness = await ServerHarness.StartAsync(ConfirmTool("set_vm_config"), client: user.ClientOptions());
        var arguments = new { vmid = 101, options = new Dictionary<string, object> { ["memory"] = 6144, ["cores"] = 4 } };

        var preview = await harness.CallAsync("preview", new { tool = "set_vm_config", arguments });
        user.Asked.ShouldBeEmpty();
        await harness.CallAsync("set_vm_config", arguments);

        var text = ServerHarness.Text(preview);
        text.ShouldContain("The real call asks the user to confirm first: PROXMOX_CONFIRM covers set_vm_config.");
        text.ShouldContain("memory: 4096 -> 6144");
        user.Asked.ShouldHaveSingleItem().Message.ShouldContain(text);
        harness.Sandbox.Requests.Snapshot().ShouldAllBe(r => r.Method == "GET");
    }

    [Fact]
    public async Task A_yes_covers_only_the_changes_shown_so_a_guest_changed_meanwhile_is_refused()
    {
        var user = new ScriptedUser();
        await using var harness = await ServerHarness.StartAsync(ConfirmTool("set_vm_config"), client: user.ClientOptions());
        user.WhileAsked = () =>
        {
            lock (harness.Sandbox.Cluster.Sync)
            {
                harness.Sandbox.Cluster.Guests[101].Config["memory"] = "5120";
            }
        };

        var result = await harness.CallAsync("set_vm_config", new { vmid = 101, options = new Dictionary<string, object> { ["memory"] = 6144 } });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain("not one of the changes the person confirmed");
        harness.Sandbox.Requests.Snapshot().ShouldAllBe(r => r.Method == "GET");

        // Asked again, about the guest as it now is, the yes applies.
        user.WhileAsked = null;
        var again = await harness.CallAsync("set_vm_config", new { vmid = 101, options = new Dictionary<string, object> { ["memory"] = 6144 } });
        again.IsError.ShouldNotBe(true, ServerHarness.Text(again));
        user.Asked[1].Message.ShouldContain("memory: 5120 -> 6144");
    }

    [Fact]
    public async Task A_power_action_confirmed_is_sent_as_shown_and_once()
    {
        var user = new ScriptedUser();
        await using var harness = await ServerHarness.StartAsync(ConfirmTool("stop_vm"), client: user.ClientOptions());

        var result = await harness.CallAsync("stop_vm", new { vmid = 100 });

        result.IsError.ShouldNotBe(true, ServerHarness.Text(result));
        var message = user.Asked.ShouldHaveSingleItem().Message;
        message.ShouldContain("1. POST /nodes/pve1/qemu/100/status/stop -> allowed");
        message.ShouldContain("managed by HA");
        message.ShouldContain("A hard stop");
        harness.Sandbox.Requests.Snapshot().Count(r => r.Method == "POST").ShouldBe(1);
    }

    [Fact]
    public async Task A_call_that_would_change_nothing_is_not_asked()
    {
        var user = new ScriptedUser();
        await using var harness = await ServerHarness.StartAsync(ConfirmTool("start_vm"), client: user.ClientOptions());

        var result = await harness.CallAsync("start_vm", new { vmid = 100 });

        result.IsError.ShouldNotBe(true);
        ServerHarness.Text(result).ShouldContain("already running");
        user.Asked.ShouldBeEmpty();
    }
}
