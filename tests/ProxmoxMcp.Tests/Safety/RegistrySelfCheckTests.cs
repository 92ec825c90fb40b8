using System.Text.Json;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Safety;
using ProxmoxMcp.TestSupport;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Tests.Safety;

public sealed class RegistrySelfCheckTests
{
    [Fact]
    public void The_built_registry_passes_and_matches_the_lock_file()
    {
        RegistrySelfCheck.FindProblems(ToolCatalog.All, ToolCatalog.Checksum, pin: null).ShouldBeEmpty();

        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "tools.lock.json")));
        lockFile.RootElement.GetProperty("checksum").GetString().ShouldBe(ToolCatalog.Checksum);
        lockFile.RootElement.GetProperty("tools").EnumerateObject().Select(p => p.Name).ShouldBe(ToolCatalog.All.Select(t => t.Definition.Name));
        ToolCatalog.LockFileText.ShouldBe(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "tools.lock.json")).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_destructive_name_that_slipped_past_the_analyzers_stops_the_server()
    {
        ProxmoxToolBase[] tools = [.. ToolCatalog.All, new FakeTool("delete_vm", ToolTier.Provision)];

        var problems = RegistrySelfCheck.FindProblems(tools, ToolCatalog.Checksum, pin: null);

        problems.ShouldHaveSingleItem().ShouldContain("'delete_vm' contains the destructive verb 'delete'");
        Should.Throw<RegistryIntegrityException>(() => RegistrySelfCheck.Ensure(tools, ToolCatalog.Checksum, null));
    }

    [Fact]
    public void Duplicates_and_wrong_annotations_are_caught()
    {
        ProxmoxToolBase[] tools = [new FakeTool("list_things", ToolTier.Read), new FakeTool("list_things", ToolTier.Read), new FakeTool("run_thing", ToolTier.GuestExec, destructive: false)];

        var problems = RegistrySelfCheck.FindProblems(tools, ToolCatalog.Checksum, pin: null);

        problems.ShouldContain(p => p.Contains("registered 2 times", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("'run_thing' has annotations that do not match", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pin_that_differs_from_the_checksum_stops_the_server()
    {
        RegistrySelfCheck.FindProblems(ToolCatalog.All, ToolCatalog.Checksum, ToolCatalog.Checksum.ToUpperInvariant()).ShouldBeEmpty();

        var problems = RegistrySelfCheck.FindProblems(ToolCatalog.All, ToolCatalog.Checksum, new string('0', 64));

        problems.ShouldHaveSingleItem().ShouldContain("differs from PROXMOX_MCP_REGISTRY_PIN");
    }

    private sealed class FakeTool(string name, ToolTier tier, bool? destructive = null) : ProxmoxToolBase(new ToolDefinition(
        name, tier, name, "A fake tool.", """{"type":"object"}""", """{"type":"object"}""", """{"type":"object"}""", """{"type":"object"}""",
        ReadOnlyHint: tier == ToolTier.Read, DestructiveHint: destructive ?? tier == ToolTier.GuestExec, IdempotentHint: false, OpenWorldHint: false))
    {
        protected override ValueTask<CallToolResult> InvokeCoreAsync(ToolInvocation invocation) => ValueTask.FromResult(ToolResults.Error("fake"));
    }
}
