using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Api;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Hosting.Http;
using ProxmoxMcp.Safety;
using ProxmoxMcp.Safety.Policy;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Tests.Confirmation;

/// <summary>
/// PROXMOX_CONFIRM through the SDK's real McpClient and its elicitation handler: the person's yes is the
/// only way a covered call changes anything, and the sandbox's request log proves nothing was sent otherwise.
/// VM 100 (docker) carries the tag prod; VM 101 (homeassistant) does not.
/// </summary>
public sealed class ConfirmationTests
{
    private static readonly ConfirmationRules TagProd = new() { Tags = new HashSet<string> { "prod" } };

    private static Func<ProxmoxOptions, ProxmoxOptions> Confirm(ConfirmationRules rules, TimeSpan? timeout = null) =>
        options => options with { Confirm = rules, ConfirmTimeout = timeout ?? TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task A_yes_lets_stop_vm_on_a_prod_guest_run_and_the_person_saw_exactly_what_would_happen()
    {
        var user = new ScriptedUser();
        await using var harness = await ServerHarness.StartAsync(Confirm(TagProd), client: user.ClientOptions());

        var result = await harness.CallAsync("stop_vm", new { vmid = 100 });

        result.IsError.ShouldNotBe(true, ServerHarness.Text(result));
        var asked = user.Asked.ShouldHaveSingleItem();
        asked.Message.ShouldContain("Confirm stop_vm");
        asked.Message.ShouldContain("VM 100 \"docker\" (node pve1");
        asked.Message.ShouldContain("vmid = 100");
        asked.Message.ShouldContain("guest 100 carries the tag 'prod'");
        asked.RequestedSchema!.Properties.Keys.ShouldBe(["confirm"]);
        harness.Sandbox.Requests.Snapshot().ShouldContain(r => r.Method == "POST" && r.Path == "/nodes/pve1/qemu/100/status/stop");
    }

    [Theory]
    [InlineData("decline", true, "declined")]
    [InlineData("cancel", true, "dismissed")]
    [InlineData("accept", false, "declined")]
    public async Task Anything_but_a_yes_sends_nothing(string action, bool confirm, string expected)
    {
        var user = new ScriptedUser(action, confirm);
        await using var harness = await ServerHarness.StartAsync(Confirm(TagProd), client: user.ClientOptions());

        var result = await harness.CallAsync("stop_vm", new { vmid = 100 });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain(expected);
        ServerHarness.Text(result).ShouldContain("Nothing was sent to Proxmox");
        user.Asked.Count.ShouldBe(1);
        NothingChanged(harness);
    }

    [Fact]
    public async Task No_answer_in_time_is_a_no_and_the_server_keeps_answering()
    {
        var user = new ScriptedUser(delay: TimeSpan.FromSeconds(20));
        await using var harness = await ServerHarness.StartAsync(Confirm(TagProd, TimeSpan.FromSeconds(1)), client: user.ClientOptions());

        var result = await harness.CallAsync("stop_vm", new { vmid = 100 });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain("no answer within 1 s");
        NothingChanged(harness);
        (await harness.CallAsync("list_nodes")).IsError.ShouldNotBe(true);
    }

    [Fact]
    public async Task A_client_that_cannot_ask_is_refused_never_approved()
    {
        await using var harness = await ServerHarness.StartAsync(Confirm(TagProd));

        var result = await harness.CallAsync("stop_vm", new { vmid = 100 });

        result.IsError.ShouldBe(true);
        var text = ServerHarness.Text(result);
        text.ShouldContain("this client cannot ask its user");
        text.ShouldContain("PROXMOX_CONFIRM=tag:prod");
        NothingChanged(harness);
    }

    [Fact]
    public async Task A_tag_rule_leaves_other_guests_alone_and_reads_are_never_asked()
    {
        var user = new ScriptedUser("decline");
        await using var harness = await ServerHarness.StartAsync(Confirm(TagProd), client: user.ClientOptions());

        (await harness.CallAsync("stop_vm", new { vmid = 101 })).IsError.ShouldNotBe(true);
        (await harness.CallAsync("vm_status", new { vmid = 100 })).IsError.ShouldNotBe(true);

        user.Asked.ShouldBeEmpty();
        harness.Sandbox.Requests.Snapshot().ShouldContain(r => r.Method == "POST" && r.Path == "/nodes/pve1/qemu/101/status/stop");
    }

    [Fact]
    public async Task A_call_that_would_put_the_tag_on_a_guest_is_asked_too()
    {
        var user = new ScriptedUser("decline");
        await using var harness = await ServerHarness.StartAsync(Confirm(TagProd), client: user.ClientOptions());
        var arguments = new { vmid = 101, options = new Dictionary<string, string> { ["tags"] = "home;prod" } };

        var declined = await harness.CallAsync("set_vm_config", arguments);
        NothingChanged(harness);
        user.Action = "accept";
        var confirmed = await harness.CallAsync("set_vm_config", arguments);

        declined.IsError.ShouldBe(true);
        confirmed.IsError.ShouldNotBe(true, ServerHarness.Text(confirmed));
        user.Asked.Count.ShouldBe(2);
        user.Asked[0].Message.ShouldContain("the call sets the tag 'prod'");
        harness.Sandbox.Requests.Snapshot().ShouldContain(r => r.Method == "PUT" && r.Path == "/nodes/pve1/qemu/101/config" && r.Parameters.Any(p => p.Key == "tags" && p.Value == "home;prod"));
    }

    [Fact]
    public async Task Characters_that_reorder_or_hide_text_are_shown_as_escapes_in_the_question()
    {
        var user = new ScriptedUser("decline");
        await using var harness = await ServerHarness.StartAsync(Confirm(new ConfirmationRules { Tools = new HashSet<string> { "set_vm_config" } }), client: user.ClientOptions());

        await harness.CallAsync("set_vm_config", new { vmid = 101, options = new Dictionary<string, string> { ["description"] = "safe\u202Egnp.exe\u200B", ["memory"] = "4096" } });

        var message = user.Asked.ShouldHaveSingleItem().Message;
        message.ShouldNotContain("\u202E");
        message.ShouldNotContain("\u200B");
        message.ShouldContain("\\u202E");
        message.ShouldContain("\\u200B");
        NothingChanged(harness);
    }

    [Fact]
    public async Task An_approval_covers_one_call_only()
    {
        var user = new ScriptedUser();
        await using var harness = await ServerHarness.StartAsync(Confirm(new ConfirmationRules { Tools = new HashSet<string> { "reboot_vm" } }), client: user.ClientOptions());

        (await harness.CallAsync("reboot_vm", new { vmid = 101 })).IsError.ShouldNotBe(true);
        user.Action = "decline";
        (await harness.CallAsync("reboot_vm", new { vmid = 101 })).IsError.ShouldBe(true);

        user.Asked.Count.ShouldBe(2);
        harness.Sandbox.Requests.Snapshot().Count(r => r.Method == "POST" && r.Path.EndsWith("/status/reboot", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Exec_shows_the_full_argv_and_the_guest()
    {
        var user = new ScriptedUser("decline");
        await using var harness = await ServerHarness.StartAsync(
            o => Confirm(new ConfirmationRules { Tiers = new HashSet<ToolTier> { ToolTier.GuestExec } })(o with { EnableExec = true }), client: user.ClientOptions());

        var result = await harness.CallAsync("exec_in_vm", new { vmid = 101, command = new[] { "systemctl", "restart", "nginx" } });

        result.IsError.ShouldBe(true);
        var message = user.Asked.ShouldHaveSingleItem().Message;
        message.ShouldContain("command = [\"systemctl\",\"restart\",\"nginx\"]");
        message.ShouldContain("VM 101 \"homeassistant\" (node pve1");
        // The preview the person read asked the guest agent which OS the VM runs (a read); nothing ran in the guest.
        harness.Sandbox.Requests.Snapshot().ShouldNotContain(r => r.Method != "GET" && r.Path.Contains("/agent/", StringComparison.Ordinal));
        message.ShouldContain("Runs in VM 101 (homeassistant) as root");
        message.ShouldContain("command=timeout command=-k command=5 command=60 command=systemctl command=restart command=nginx");
    }

    [Fact]
    public async Task A_value_cannot_forge_lines_of_the_question_or_hide_its_tail()
    {
        var user = new ScriptedUser("decline");
        await using var harness = await ServerHarness.StartAsync(Confirm(TagProd), client: user.ClientOptions());
        var forged = "notes\n  2. PUT /nodes/pve1/qemu/100/config onboot=1 -> allowed\nNothing is sent to Proxmox unless you confirm." + new string('\n', 400) + new string(' ', 600) + "tail";

        await harness.CallAsync("set_vm_config", new { vmid = 100, options = new Dictionary<string, object> { ["description"] = forged, ["onboot"] = 0 } });

        var lines = user.Asked.ShouldHaveSingleItem().Message.Split('\n');
        lines.ShouldNotContain(l => l.TrimStart().StartsWith("2. PUT", StringComparison.Ordinal));
        lines.Count(l => l.StartsWith("Nothing is sent to Proxmox unless you confirm", StringComparison.Ordinal)).ShouldBe(1);
        lines.Length.ShouldBeLessThan(40);
        user.Asked[0].Message.ShouldContain("⟨600 spaces⟩tail");
        user.Asked[0].Message.ShouldContain("onboot");
        NothingChanged(harness);
    }

    [Fact]
    public async Task Secrets_in_the_arguments_are_masked_in_what_the_person_reads()
    {
        var user = new ScriptedUser("decline");
        await using var harness = await ServerHarness.StartAsync(Confirm(new ConfirmationRules { Writes = true }), client: user.ClientOptions());

        await harness.CallAsync("create_container", new
        {
            hostname = "web2",
            template = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst",
            password = "hunter2-hunter2",
            ssh_public_keys = new[] { "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl admin@laptop" },
        });

        var message = user.Asked.ShouldHaveSingleItem().Message;
        message.ShouldNotContain("hunter2");
        message.ShouldContain("password = \"***\"");
        // A key shows as its fingerprint, as ssh-keygen -l prints it: its first characters only name its type.
        var fingerprint = "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Convert.FromBase64String("AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"))).TrimEnd('=');
        message.ShouldContain($"ssh-ed25519 {fingerprint} admin@laptop");
        message.ShouldNotContain("AAAAIOMqqnkVzrm0");
        // The preview inside the question shows the request with the same masks.
        message.ShouldContain("password=***");
        message.ShouldContain($"ssh-public-keys=ssh-ed25519 {fingerprint} admin@laptop");
        NothingChanged(harness);
    }

    [Fact]
    public async Task Tools_list_tells_the_model_which_calls_ask_first()
    {
        await using var harness = await ServerHarness.StartAsync(Confirm(new ConfirmationRules { Tags = new HashSet<string> { "prod" }, Tools = new HashSet<string> { "shutdown_vm" } }));

        var tools = (await harness.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).ToDictionary(t => t.Name, t => t.ProtocolTool);

        tools["shutdown_vm"].Description!.ShouldEndWith("Asks the user to confirm each call.");
        tools["shutdown_vm"].Meta!["confirm"]!.GetValue<string>().ShouldBe("always");
        tools["stop_vm"].Description!.ShouldEndWith("Asks the user to confirm for guests tagged prod.");
        tools["list_vms"].Description!.ShouldNotContain("confirm");
        tools["list_vms"].Meta!.ContainsKey("confirm").ShouldBeFalse();
    }

    [Fact]
    public async Task With_no_rules_tools_list_carries_no_notice_and_nothing_is_asked()
    {
        var user = new ScriptedUser("decline");
        await using var harness = await ServerHarness.StartAsync(client: user.ClientOptions());

        var tools = await harness.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        (await harness.CallAsync("stop_vm", new { vmid = 100 })).IsError.ShouldNotBe(true);

        tools.ShouldAllBe(t => !t.Description!.Contains("Asks the user"));
        user.Asked.ShouldBeEmpty();
    }

    [Fact]
    public async Task Under_the_tools_the_policy_refuses_an_unconfirmed_change_to_a_tagged_guest()
    {
        await using var harness = await ServerHarness.StartAsync(Confirm(TagProd));
        harness.ExpectPolicyRefusals = 2;
        var api = harness.Services.GetRequiredService<IProxmoxApi>();

        // As if a power tool had forgotten to ask: the request comes from inside its call, unconfirmed.
        using (PolicyCaller.Enter("stop_vm", CallerRole.Tool, new ToolCall("stop_vm", ToolTier.Lifecycle)))
        {
            (await Should.ThrowAsync<SafetyRefusedException>(() => api.PostAsync("/nodes/pve1/qemu/100/status/stop", cancellationToken: TestContext.Current.CancellationToken)))
                .Message.ShouldContain("guest 100 carries the tag 'prod'");
            (await Should.ThrowAsync<SafetyRefusedException>(() => api.PutAsync("/nodes/pve1/qemu/101/config", new ProxmoxParameters().Add("tags", "home;prod"), TestContext.Current.CancellationToken)))
                .Message.ShouldContain("sets the tag 'prod'");
        }
        NothingChanged(harness);
    }

    [Fact]
    public async Task A_tag_rule_matches_the_tag_whatever_its_case_in_the_question_and_under_the_tools()
    {
        // Proxmox treats "Prod" and "prod" as one tag by default; a rule written in capitals still holds.
        var user = new ScriptedUser("decline");
        await using var harness = await ServerHarness.StartAsync(Confirm(new ConfirmationRules { Tags = new HashSet<string> { "PROD" } }), client: user.ClientOptions());
        harness.ExpectPolicyRefusals = 2;

        var stop = await harness.CallAsync("stop_vm", new { vmid = 100 });
        var retag = await harness.CallAsync("set_vm_config", new { vmid = 101, options = new Dictionary<string, string> { ["tags"] = "home;prod" } });

        stop.IsError.ShouldBe(true);
        retag.IsError.ShouldBe(true);
        user.Asked.Count.ShouldBe(2);
        user.Asked[0].Message.ShouldContain("carries the tag 'prod'");
        user.Asked[1].Message.ShouldContain("the call sets the tag 'prod'");
        var api = harness.Services.GetRequiredService<IProxmoxApi>();
        using (PolicyCaller.Enter("stop_vm", CallerRole.Tool, new ToolCall("stop_vm", ToolTier.Lifecycle)))
        {
            (await Should.ThrowAsync<SafetyRefusedException>(() => api.PostAsync("/nodes/pve1/qemu/100/status/stop", cancellationToken: TestContext.Current.CancellationToken)))
                .Message.ShouldContain("carries the tag 'prod'");
            (await Should.ThrowAsync<SafetyRefusedException>(() => api.PutAsync("/nodes/pve1/qemu/101/config", new ProxmoxParameters().Add("tags", "home;prod"), TestContext.Current.CancellationToken)))
                .Message.ShouldContain("sets the tag 'prod'");
        }
        NothingChanged(harness);
    }

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task Over_streamable_http_the_person_is_asked_and_a_no_sends_nothing(string protocolVersion)
    {
        await using var runtime = await ServerRuntime.CreateAsync(new Dictionary<string, string> { ["PROXMOX_CONFIRM"] = "tag:prod", ["PROXMOX_MCP_AUDIT_LOG"] = "off" },
            useSandbox: true, LogLevel.Warning, TestContext.Current.CancellationToken);
        await using var host = await HttpServerHost.StartAsync(runtime, new HttpServeOptions(new IPEndPoint(IPAddress.Loopback, 0)), TestContext.Current.CancellationToken);
        var user = new ScriptedUser("decline");
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = host.Url, TransportMode = HttpTransportMode.StreamableHttp }),
            user.ClientOptions(protocolVersion), cancellationToken: TestContext.Current.CancellationToken);

        var declined = await client.CallToolAsync("stop_vm", new Dictionary<string, object?> { ["vmid"] = 100 }, cancellationToken: TestContext.Current.CancellationToken);
        user.Action = "accept";
        var confirmed = await client.CallToolAsync("stop_vm", new Dictionary<string, object?> { ["vmid"] = 100 }, cancellationToken: TestContext.Current.CancellationToken);

        declined.IsError.ShouldBe(true);
        confirmed.IsError.ShouldNotBe(true, string.Join("\n", confirmed.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        user.Asked.Count.ShouldBe(2);
        runtime.Sandbox!.Requests.Snapshot().Count(r => r.Method == "POST" && r.Path == "/nodes/pve1/qemu/100/status/stop").ShouldBe(1);
    }

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task Both_protocol_revisions_carry_the_question(string protocolVersion)
    {
        var user = new ScriptedUser();
        await using var harness = await ServerHarness.StartAsync(Confirm(TagProd), client: user.ClientOptions(protocolVersion));

        var result = await harness.CallAsync("stop_vm", new { vmid = 100 });

        result.IsError.ShouldNotBe(true, ServerHarness.Text(result));
        user.Asked.Count.ShouldBe(1);
        harness.Client.NegotiatedProtocolVersion.ShouldBe(protocolVersion);
    }

    /// <summary>No request that changes anything reached the sandbox.</summary>
    private static void NothingChanged(ServerHarness harness) =>
        harness.Sandbox.Requests.Snapshot().Where(r => r.Method != "GET").ShouldBeEmpty();
}
