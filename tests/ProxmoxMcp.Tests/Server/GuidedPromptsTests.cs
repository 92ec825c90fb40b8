using System.Text.RegularExpressions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Hosting;

namespace ProxmoxMcp.Tests.Server;

/// <summary>The MCP prompts through the SDK's client: listed, fetched with arguments, completed from the cluster.</summary>
public sealed partial class GuidedPromptsTests
{
    [GeneratedRegex("`([a-z0-9_]+)`")]
    private static partial Regex ToolName();

    public static TheoryData<string, Dictionary<string, object?>> Calls => new()
    {
        { GuidedPrompts.ClusterHealth, new() },
        { GuidedPrompts.ClusterHealth, new() { ["node"] = "pve2" } },
        { GuidedPrompts.GuestWontStart, new() { ["vmid"] = "102" } },
        { GuidedPrompts.DeployContainerApp, new() { ["app"] = "uptime-kuma", ["node"] = "pve1", ["vmid"] = "150" } },
        { GuidedPrompts.PrepareNodeMaintenance, new() { ["node"] = "pve1" } },
    };

    [Fact]
    public async Task The_four_prompts_are_listed_with_their_arguments()
    {
        await using var harness = await ServerHarness.StartAsync();

        var prompts = (await harness.Client.ListPromptsAsync(cancellationToken: TestContext.Current.CancellationToken)).ToDictionary(p => p.Name, p => p.ProtocolPrompt);

        prompts.Keys.Order().ShouldBe([GuidedPrompts.ClusterHealth, GuidedPrompts.DeployContainerApp, GuidedPrompts.GuestWontStart, GuidedPrompts.PrepareNodeMaintenance]);
        prompts[GuidedPrompts.GuestWontStart].Arguments!.ShouldHaveSingleItem().Name.ShouldBe("vmid");
        prompts[GuidedPrompts.PrepareNodeMaintenance].Arguments!.Single().Required.ShouldBe(true);
        prompts[GuidedPrompts.DeployContainerApp].Arguments!.Select(a => a.Name).ShouldBe(["app", "node", "vmid"]);
        harness.Client.ServerCapabilities.Completions.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Each_prompt_names_only_tools_of_the_registry_and_its_arguments(string name, Dictionary<string, object?> arguments)
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true });

        var result = await harness.Client.GetPromptAsync(name, arguments, cancellationToken: TestContext.Current.CancellationToken);

        var text = ((TextContentBlock)result.Messages.ShouldHaveSingleItem().Content).Text;
        result.Messages[0].Role.ShouldBe(Role.User);
        var named = ToolName().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        named.ShouldNotBeEmpty();
        named.Where(tool => ToolCatalog.All.All(t => t.Definition.Name != tool)).ShouldBeEmpty("every tool a prompt names exists");
        text.ShouldNotContain("(off on this server)");
        foreach (var value in arguments.Values)
        {
            text.ShouldContain((string)value!);
        }
        harness.Sandbox.Requests.Snapshot().ShouldAllBe(r => r.Method == "GET");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_tool_any_prompt_can_name_is_in_the_registry(bool exec)
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = exec });

        foreach (var prompt in await harness.Client.ListPromptsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            var arguments = (prompt.ProtocolPrompt.Arguments ?? []).ToDictionary(a => a.Name, a => (object?)(a.Name == "vmid" ? "100" : "x1"));
            var result = await harness.Client.GetPromptAsync(prompt.Name, arguments, cancellationToken: TestContext.Current.CancellationToken);
            var text = ((TextContentBlock)result.Messages.Single().Content).Text;
            ToolName().Matches(text).Select(m => m.Groups[1].Value).Where(tool => ToolCatalog.All.All(t => t.Definition.Name != tool)).ShouldBeEmpty(prompt.Name);
        }
    }

    [Fact]
    public async Task A_tool_this_server_does_not_offer_is_named_as_off()
    {
        await using var harness = await ServerHarness.StartAsync();

        var result = await harness.Client.GetPromptAsync(GuidedPrompts.DeployContainerApp, new Dictionary<string, object?> { ["app"] = "nginx" }, cancellationToken: TestContext.Current.CancellationToken);

        var text = ((TextContentBlock)result.Messages.Single().Content).Text;
        text.ShouldContain("Commands inside guests are off on this server (`exec_in_container` (off on this server); PROXMOX_ENABLE_EXEC)");
        text.ShouldContain("`allocate_vmid` reserves a free one");
    }

    [Theory]
    // Guests not running come first (104 and 204 are on the offline node pve3), templates never.
    [InlineData(GuidedPrompts.GuestWontStart, "vmid", "1", new[] { "102", "104", "100", "101", "103" })]
    [InlineData(GuidedPrompts.GuestWontStart, "vmid", "20", new[] { "202", "204", "200", "201", "203" })]
    [InlineData(GuidedPrompts.DeployContainerApp, "node", "pve", new[] { "pve1", "pve2", "pve3" })]
    [InlineData(GuidedPrompts.PrepareNodeMaintenance, "node", "", new[] { "pve1", "pve2" })]
    [InlineData(GuidedPrompts.ClusterHealth, "node", "pve2", new[] { "pve2" })]
    public async Task Vmid_and_node_arguments_are_completed_from_the_cluster(string prompt, string argument, string typed, string[] expected)
    {
        await using var harness = await ServerHarness.StartAsync();

        var result = await harness.Client.CompleteAsync(new PromptReference { Name = prompt }, argument, typed, cancellationToken: TestContext.Current.CancellationToken);

        result.Completion.Values.ShouldBe(expected);
        result.Completion.Total.ShouldBe(expected.Length);
    }

    [Fact]
    public async Task A_missing_or_malformed_argument_is_an_invalid_params_error()
    {
        await using var harness = await ServerHarness.StartAsync();

        var missing = await Should.ThrowAsync<McpProtocolException>(harness.Client.GetPromptAsync(GuidedPrompts.GuestWontStart, new Dictionary<string, object?>(), cancellationToken: TestContext.Current.CancellationToken).AsTask());
        var malformed = await Should.ThrowAsync<McpProtocolException>(harness.Client.GetPromptAsync(GuidedPrompts.PrepareNodeMaintenance, new Dictionary<string, object?> { ["node"] = "../etc" }, cancellationToken: TestContext.Current.CancellationToken).AsTask());

        missing.Message.ShouldContain("'vmid' is required");
        malformed.Message.ShouldContain("'node' must be a node name");
    }
}
