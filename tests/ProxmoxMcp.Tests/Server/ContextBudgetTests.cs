using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProxmoxMcp.Tests.Server;

/// <summary>
/// What tools/list puts in a model's context (each tool's name, title, description and input schema) stays small:
/// preview is one tool for every change tool, and it is as compact as the others.
/// </summary>
public sealed class ContextBudgetTests(ITestOutputHelper output)
{
    /// <summary>The average the tool surface was cut to (598 B for 40 tools), with a little room.</summary>
    private const int AverageBudget = 610;

    [Fact]
    public async Task Preview_is_one_compact_tool_and_the_model_visible_surface_stays_within_its_budget()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { EnableExec = true });

        var tools = await harness.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        var sizes = tools.ToDictionary(t => t.Name, t => Encoding.UTF8.GetByteCount(new JsonObject
        {
            ["name"] = t.ProtocolTool.Name,
            ["title"] = t.ProtocolTool.Title,
            ["description"] = t.ProtocolTool.Description,
            ["inputSchema"] = JsonNode.Parse(t.ProtocolTool.InputSchema.GetRawText()),
        }.ToJsonString()));
        var average = sizes.Values.Average();
        output.WriteLine($"{sizes.Count} tools, {sizes.Values.Sum()} B model-visible, {average:0} B per tool; preview {sizes["preview"]} B");
        tools.Count(t => t.Name.Contains("preview", StringComparison.Ordinal)).ShouldBe(1);
        sizes["preview"].ShouldBeLessThanOrEqualTo(AverageBudget);
        average.ShouldBeLessThanOrEqualTo(AverageBudget);
    }
}
