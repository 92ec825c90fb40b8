using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tests.Diagnostics;

/// <summary>
/// What the four diagnostics tools cost a conversation: the bytes a model sees of them in tools/list
/// (name, title, description, input schema, as the SDK serialises them) stay within 3,500 together,
/// with an enum for every aspect and a description for every parameter.
/// </summary>
public sealed class DiagnosticsSurfaceTests(ITestOutputHelper output)
{
    private static readonly string[] Tools = ["cluster_health", "node_diagnostics", "cluster_overview", "guest_details"];

    [Fact]
    public async Task The_four_tools_add_at_most_3500_model_visible_bytes()
    {
        await using var harness = await ServerHarness.StartAsync();
        var listed = (await harness.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).ToDictionary(t => t.Name, t => t.ProtocolTool);

        var total = 0;
        foreach (var name in Tools)
        {
            var tool = listed[name];
            var visible = new JsonObject
            {
                ["name"] = tool.Name,
                ["title"] = tool.Title,
                ["description"] = tool.Description,
                ["inputSchema"] = JsonNode.Parse(tool.InputSchema.GetRawText()),
            };
            var bytes = JsonSerializer.SerializeToUtf8Bytes(visible, McpJsonUtilities.DefaultOptions).Length;
            output.WriteLine($"{name}: {bytes} bytes");
            total += bytes;

            foreach (var parameter in tool.InputSchema.GetProperty("properties").EnumerateObject())
            {
                parameter.Value.TryGetProperty("description", out var description).ShouldBeTrue($"{name}.{parameter.Name} has a description");
                description.GetString()!.Length.ShouldBeGreaterThan(5);
            }
            tool.Annotations!.ReadOnlyHint.ShouldBe(true, name);
        }
        output.WriteLine($"together: {total} bytes");
        total.ShouldBeLessThanOrEqualTo(3500);

        Enum(listed["node_diagnostics"], "aspect").ShouldBe(["syslog", "updates", "disks", "zfs", "network", "services", "certificates", "subscription"]);
        Enum(listed["cluster_overview"], "aspect").ShouldBe(["status", "log", "ha", "ceph", "replication", "backup_jobs", "pools", "sdn", "access", "firewall"]);
        Enum(listed["guest_details"], "aspect").ShouldBe(["firewall", "agent", "rrd", "pending"]);
    }

    [Theory]
    [InlineData("30m", -30 * 60)]
    [InlineData("2h", -2 * 3600)]
    [InlineData("1d", -86_400)]
    [InlineData("1w", -7 * 86_400)]
    [InlineData("2025-06-01T14:00:00Z", null)]
    public void Times_are_ages_or_iso_times(string text, int? offsetSeconds)
    {
        var now = new DateTimeOffset(2025, 6, 2, 12, 0, 0, TimeSpan.Zero);
        var time = TimeArgument.Parse(text, now, "since");
        time.ShouldBe(offsetSeconds is { } offset ? now.AddSeconds(offset) : new DateTimeOffset(2025, 6, 1, 14, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("99999w")]
    [InlineData("1969-12-31")]
    [InlineData("")]
    public void Other_times_are_refused_naming_the_argument(string text) =>
        Should.Throw<ProxmoxMcp.Tools.ToolInputException>(() => TimeArgument.Parse(text, DateTimeOffset.UtcNow, "until")).Message.ShouldContain("'until'");

    private static IEnumerable<string?> Enum(ModelContextProtocol.Protocol.Tool tool, string parameter) =>
        tool.InputSchema.GetProperty("properties").GetProperty(parameter).GetProperty("enum").EnumerateArray().Select(v => v.GetString());
}
