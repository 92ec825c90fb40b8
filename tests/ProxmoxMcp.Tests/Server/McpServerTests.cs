using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Tests.Server;

/// <summary>The real SDK client and server in one process over pipes, against the sandbox over HTTPS.</summary>
public sealed class McpServerTests
{
    [Fact]
    public async Task Tools_list_shows_schemas_and_tier_annotations()
    {
        await using var harness = await ServerHarness.StartAsync();

        var tools = await harness.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        var listNodes = tools.Single(t => t.Name == "list_nodes").ProtocolTool;
        listNodes.Description!.ShouldContain("List the cluster's nodes");
        listNodes.InputSchema.TryGetProperty("additionalProperties", out _).ShouldBeFalse();
        listNodes.Annotations!.OpenWorldHint.ShouldBe(false);
        listNodes.OutputSchema!.Value.GetProperty("type").GetString().ShouldBe("object");
        listNodes.Annotations!.ReadOnlyHint.ShouldBe(true);
        listNodes.Annotations.DestructiveHint.ShouldBeNull();
        tools.Select(t => t.Name).ShouldAllBe(name => !name.Contains("delete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_nodes_returns_structured_content_and_compact_text()
    {
        await using var harness = await ServerHarness.StartAsync();

        var result = await harness.CallAsync("list_nodes");

        result.IsError.ShouldNotBe(true);
        var nodes = result.StructuredContent!.Value.GetProperty("nodes");
        nodes.GetArrayLength().ShouldBe(3);
        nodes[0].GetProperty("node").GetString().ShouldBe("pve1");
        nodes[0].GetProperty("cores").GetInt32().ShouldBe(16);
        var text = ServerHarness.Text(result);
        text.Split('\n').ShouldContain("- node=pve3 status=offline");
        harness.Sandbox.Requests.Snapshot().ShouldContain(r => r.Method == "GET" && r.Path == "/nodes" && r.TokenId == "root@pam!mcp");
    }

    [Fact]
    public async Task Unknown_arguments_give_an_error_result_and_send_nothing()
    {
        await using var harness = await ServerHarness.StartAsync();
        harness.Sandbox.Requests.Clear();

        var result = await harness.CallAsync("list_nodes", new { node = "pve1" });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain("'node': unknown argument");
        harness.Sandbox.Requests.Snapshot().ShouldBeEmpty();
    }
}
