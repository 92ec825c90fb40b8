using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Tests.Server;

/// <summary>
/// What tools/list costs a conversation, with every tool offered (exec on), as the SDK serialises it:
/// what a model sees of the tools (name, title, description, input schema) stays within 30,000 bytes in
/// all and 600 bytes per tool on average, with every parameter described; the whole answer, output
/// schemas, annotations and _meta included, within 1,200 bytes per tool on average.
/// </summary>
public sealed class ContextBudgetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Tools_list_stays_within_the_context_budget()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true });
        var tools = (await harness.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(t => t.ProtocolTool).ToList();

        var visible = tools.Sum(tool => Bytes(new JsonObject
        {
            ["name"] = tool.Name,
            ["title"] = tool.Title,
            ["description"] = tool.Description,
            ["inputSchema"] = JsonNode.Parse(tool.InputSchema.GetRawText()),
        }));
        var whole = Bytes(JsonSerializer.SerializeToNode(new ListToolsResult { Tools = tools }, McpJsonUtilities.DefaultOptions)!);
        output.WriteLine($"{tools.Count} tools: {visible} bytes a model sees ({visible / tools.Count} per tool), {whole} bytes in all ({whole / tools.Count} per tool)");

        tools.Count.ShouldBe(ProxmoxMcp.Hosting.ToolCatalog.All.Count);
        // preview is one tool for every change tool, and as compact as the others.
        var preview = tools.Single(t => t.Name == "preview");
        Bytes(new JsonObject { ["name"] = preview.Name, ["title"] = preview.Title, ["description"] = preview.Description, ["inputSchema"] = JsonNode.Parse(preview.InputSchema.GetRawText()) })
            .ShouldBeLessThanOrEqualTo(600);
        visible.ShouldBeLessThanOrEqualTo(30_000);
        (visible / (double)tools.Count).ShouldBeLessThanOrEqualTo(600);
        (whole / (double)tools.Count).ShouldBeLessThanOrEqualTo(1_200);
        foreach (var tool in tools)
        {
            foreach (var parameter in tool.InputSchema.GetProperty("properties").EnumerateObject())
            {
                parameter.Value.TryGetProperty("description", out var description).ShouldBeTrue($"{tool.Name}.{parameter.Name} has a description");
                description.GetString()!.Length.ShouldBeGreaterThan(3, $"{tool.Name}.{parameter.Name}");
            }
        }
    }

    private static int Bytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, McpJsonUtilities.DefaultOptions).Length;
}
