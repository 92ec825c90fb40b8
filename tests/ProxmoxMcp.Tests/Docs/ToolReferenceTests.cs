using ProxmoxMcp.Cli;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests.Docs;

/// <summary>The README's tool reference is the registry's, as `proxmox-mcp tools --markdown` writes it.</summary>
public sealed class ToolReferenceTests
{
    [Fact]
    public void The_README_tool_reference_is_the_one_the_registry_makes()
    {
        var readme = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "README.md"));
        var begin = readme.IndexOf(ToolReference.Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(ToolReference.End, StringComparison.Ordinal);
        begin.ShouldBeGreaterThanOrEqualTo(0, "README.md has the tool reference's begin marker");
        end.ShouldBeGreaterThan(begin, "README.md has the tool reference's end marker after the begin marker");

        var section = readme[begin..(end + ToolReference.End.Length)] + "\n";

        section.ShouldBe(ToolReference.Markdown(), $"README.md's tool reference differs from the registry; refresh it with: {ToolReference.RefreshCommand}");
    }

    [Fact]
    public void Every_tool_has_a_row_with_its_tier_and_required_parameters_unmarked()
    {
        var reference = ToolReference.Markdown();

        foreach (var tool in ToolCatalog.All)
        {
            reference.ShouldContain($"| `{tool.Definition.Name}` | {ToolsCommand.TierName(tool.Tier)} |");
        }
        reference.ShouldContain("| `vm_status` | A read |");
        reference.ShouldMatch(@"\| `start_vm` \| B power \| [^|]+ \| (`\w+\?` )*`vmid`");
    }

    [Fact]
    public async Task Write_replaces_only_the_marked_section_and_refuses_a_file_without_markers()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("proxmox-mcp-readme").FullName, "README.md");
        await File.WriteAllTextAsync(file, $"# Title\n\nbefore\n\n{ToolReference.Begin}\nstale\n{ToolReference.End}\n\nafter\n", TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        using var error = new StringWriter();

        (await CommandLineApp.RunAsync(["tools", "--markdown", "--write", file], output, error, new Dictionary<string, string>())).ShouldBe(ExitCodes.Ok, error.ToString());

        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        text.ShouldBe($"# Title\n\nbefore\n\n{ToolReference.Markdown()}\nafter\n");
        await File.WriteAllTextAsync(file, "no markers\n", TestContext.Current.CancellationToken);
        (await CommandLineApp.RunAsync(["tools", "--markdown", "--write", file], output, error, new Dictionary<string, string>())).ShouldBe(ExitCodes.Usage);
    }
}
