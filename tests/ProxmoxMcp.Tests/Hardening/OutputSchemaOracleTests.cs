using System.Text.Json;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests.Hardening;

/// <summary>
/// The harness checks every successful call's structuredContent against the tool's outputSchema with
/// NJsonSchema. These prove that check bites: results that break a generated schema are caught.
/// </summary>
public sealed class OutputSchemaOracleTests
{
    /// <summary>The full schema the registry records (tools/list publishes it without additionalProperties: false).</summary>
    private static JsonElement OutputSchema(string tool) => JsonDocument.Parse(ToolCatalog.All.Single(t => t.Definition.Name == tool).Definition.OutputSchemaJson).RootElement;

    [Theory]
    [InlineData("list_nodes", "{}")]
    [InlineData("list_nodes", """{"nodes":"pve1"}""")]
    [InlineData("vm_status", """{"vmid":"one hundred"}""")]
    [InlineData("list_vms", "[]")]
    [InlineData("next_vmid", """{"vmid":100,"unexpected":1}""")]
    public void A_result_that_breaks_the_generated_schema_is_caught(string tool, string result)
    {
        using var document = JsonDocument.Parse(result);

        JsonValidator(tool, document.RootElement).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_real_result_passes()
    {
        await using var harness = await ServerHarness.StartAsync();
        var result = await harness.Client.CallToolAsync("list_nodes", cancellationToken: TestContext.Current.CancellationToken);

        JsonValidator("list_nodes", result.StructuredContent!.Value).ShouldBeEmpty();
    }

    private static IReadOnlyList<string> JsonValidator(string tool, JsonElement instance) => JsonSchemaValidator.Validate(OutputSchema(tool), instance);
}
