using ProxmoxMcp.Hosting;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests.Safety;

/// <summary>The registry checksum and tools.lock.json cover the safety surface, not only the tools.</summary>
public sealed class SafetySurfaceLockTests
{
    [Fact]
    public void The_lock_names_every_source_of_the_policy_and_the_tools_views_of_it()
    {
        var lockText = ToolCatalog.LockFileText;

        foreach (var file in new[]
        {
            "Safety/Policy/PolicyTable.cs", "Safety/DestructivePolicy.cs", "Safety/SafetyInterceptor.cs", "Safety/WireGuardHandler.cs",
            "Safety/Policy/Rules/NewVolumeRule.cs", "Safety/Policy/Requirements/ProtectedTagsRequirement.cs",
            "Tools/Support/ConfigKeyCatalog.cs", "Tools/Support/ConfigOptionsValidator.cs", "Exec/ExecGuard.cs", "Api/ProxmoxHttpClient.cs",
        })
        {
            lockText.ShouldContain($"\"{file}\": \"");
        }
    }

    [Fact]
    public async Task Tools_policy_prints_the_table_a_reviewer_reads()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ProxmoxMcp.Cli.CommandLineApp.RunAsync(["tools", "--policy"], output, error, new Dictionary<string, string>());

        code.ShouldBe(0, error.ToString());
        var text = output.ToString();
        text.ShouldContain("POST /nodes/{node}/lxc [Everyone] create a container");
        text.ShouldContain("!unprivileged: const(1)");
        text.ShouldContain("never sent: ");
        text.ShouldNotContain("agent/file-read");
    }

    [Fact]
    public void The_committed_lock_is_the_one_this_build_computes()
    {
        var committed = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "tools.lock.json")).Replace("\r\n", "\n", StringComparison.Ordinal);

        committed.ShouldBe(ToolCatalog.LockFileText);
        committed.ShouldContain(ToolCatalog.Checksum);
    }
}
