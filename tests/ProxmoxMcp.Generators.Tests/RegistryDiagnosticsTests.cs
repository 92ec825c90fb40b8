using Microsoft.CodeAnalysis;

namespace ProxmoxMcp.Generators.Tests;

public sealed class RegistryDiagnosticsTests
{
    private const string ValidTool = """
            /// <summary>Reads a thing.</summary>
            /// <param name="id">Which one.</param>
            [ProxmoxTool("read_thing", ToolTier.Read)]
            public Answer ReadThing(int id) => new(id.ToString());
        """;

    [Fact]
    public void Duplicate_tool_names_fail_with_PMCP0003()
    {
        var diagnostics = Run(ValidTool + """

            /// <summary>Reads it again.</summary>
            /// <param name="id">Which one.</param>
            [ProxmoxTool("read_thing", ToolTier.Read)]
            public Answer ReadThingAgain(int id) => new(id.ToString());
        """);

        var duplicate = diagnostics.Single(d => d.Id == "PMCP0003");
        duplicate.Severity.ShouldBe(DiagnosticSeverity.Error);
        duplicate.GetMessage().ShouldContain("'read_thing'");
        duplicate.GetMessage().ShouldContain("ReadThingAgain");
    }

    [Fact]
    public void Unsupported_parameter_types_fail_with_PMCP0004()
    {
        var diagnostics = Run("""
            /// <summary>Takes a date.</summary>
            /// <param name="when">When.</param>
            [ProxmoxTool("take_date", ToolTier.Read)]
            public Answer TakeDate(System.DateTime when) => new(when.ToString());
        """);

        var unsupported = diagnostics.Single(d => d.Id == "PMCP0004");
        unsupported.GetMessage().ShouldContain("'when'");
        unsupported.GetMessage().ShouldContain("System.DateTime");
        unsupported.Location.GetLineSpan().Path.ShouldBe("Tools0.cs");
    }

    [Fact]
    public void A_tool_without_a_summary_fails_with_PMCP0005()
    {
        var diagnostics = Run("""
            [ProxmoxTool("mystery", ToolTier.Read)]
            public Answer Mystery() => new("?");
        """);

        diagnostics.Single(d => d.Id == "PMCP0005").GetMessage().ShouldContain("MoreTools.Mystery");
    }

    [Fact]
    public void A_surface_that_differs_from_the_lock_fails_with_PMCP0006_listing_the_changes()
    {
        var original = ToolSamples.WithTools(ValidTool + """

            /// <summary>Another.</summary>
            [ProxmoxTool("gone_soon", ToolTier.Read)]
            public Answer GoneSoon() => new("x");
        """);
        var lockText = GeneratorHarness.Run(GeneratorHarness.CreateDriver(null, updateLock: true), GeneratorHarness.Compile(original)).ConstantOf("LockFileText");
        var changed = ToolSamples.WithTools(ValidTool.Replace("Reads a thing.", "Reads a thing, now differently.", StringComparison.Ordinal) + """

            /// <summary>Brand new.</summary>
            [ProxmoxTool("brand_new", ToolTier.Lifecycle)]
            public Answer BrandNew() => new("y");
        """);

        var outcome = GeneratorHarness.Run(GeneratorHarness.CreateDriver(lockText), GeneratorHarness.Compile(changed));

        var message = outcome.Diagnostics.Single(d => d.Id == "PMCP0006").GetMessage();
        message.ShouldContain("added: brand_new");
        message.ShouldContain("changed: read_thing");
        message.ShouldContain("removed: gone_soon");
        message.ShouldContain("dotnet build src/ProxmoxMcp -p:UpdateToolsLock=true");
    }

    [Fact]
    public void The_matching_lock_passes_and_update_mode_skips_the_check()
    {
        GeneratorHarness.RunWithMatchingLock(ToolSamples.WithTools(ValidTool)).Diagnostics.ShouldBeEmpty();

        var updating = GeneratorHarness.Run(GeneratorHarness.CreateDriver("{}", updateLock: true), GeneratorHarness.Compile(ToolSamples.WithTools(ValidTool)));
        updating.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void A_missing_lock_fails_with_PMCP0007()
    {
        var outcome = GeneratorHarness.Run(GeneratorHarness.CreateDriver(null), GeneratorHarness.Compile(ToolSamples.WithTools(ValidTool)));

        outcome.Diagnostics.Single(d => d.Id == "PMCP0007").GetMessage().ShouldContain("UpdateToolsLock=true");
    }

    [Theory]
    [InlineData("public void Nothing() { }", "void")]
    [InlineData("public Task Nothing() => Task.CompletedTask;", "System.Threading.Tasks.Task")]
    [InlineData("public string Nothing() => \"\";", "string")]
    [InlineData("public List<Answer> Nothing() => new();", "List<")]
    public void Non_record_results_fail_with_PMCP0008(string method, string typeText)
    {
        var diagnostics = Run($$"""
            /// <summary>Returns the wrong thing.</summary>
            [ProxmoxTool("nothing", ToolTier.Read)]
            {{method}}
        """);

        diagnostics.Single(d => d.Id == "PMCP0008").GetMessage().ShouldContain(typeText);
    }

    [Theory]
    [InlineData("ListNodes")]
    [InlineData("list-nodes")]
    [InlineData("1list")]
    [InlineData("")]
    public void Names_that_are_not_snake_case_fail_with_PMCP0009(string name)
    {
        var diagnostics = Run($$"""
            /// <summary>Badly named.</summary>
            [ProxmoxTool("{{name}}", ToolTier.Read)]
            public Answer Badly() => new("x");
        """);

        diagnostics.ShouldContain(d => d.Id == "PMCP0009");
    }

    [Fact]
    public void Parameters_without_docs_fail_with_PMCP0010()
    {
        var diagnostics = Run("""
            /// <summary>Half documented.</summary>
            /// <param name="documented">Yes.</param>
            [ProxmoxTool("half_documented", ToolTier.Read)]
            public Answer HalfDocumented(int documented, int undocumented) => new("x");
        """);

        var missing = diagnostics.Single(d => d.Id == "PMCP0010");
        missing.GetMessage().ShouldContain("'undocumented'");
    }

    [Theory]
    [InlineData("public Answer Generic<T>() => new(\"x\");", "generic")]
    [InlineData("private Answer Hidden() => new(\"x\");", "public or internal")]
    [InlineData("public Answer Outgoing(out int x) { x = 1; return new(\"x\"); }", "ref, out")]
    public void Methods_the_registry_cannot_call_fail_with_PMCP0011(string method, string why)
    {
        var diagnostics = Run($$"""
            /// <summary>Cannot be called.</summary>
            /// <param name="x">X.</param>
            [ProxmoxTool("cannot_call", ToolTier.Read)]
            {{method}}
        """);

        diagnostics.Single(d => d.Id == "PMCP0011").GetMessage().ShouldContain(why);
    }

    [Fact]
    public void Two_parameters_with_the_same_json_name_fail_with_PMCP0011()
    {
        var diagnostics = Run("""
            /// <summary>Ambiguous.</summary>
            /// <param name="vmId">One.</param>
            /// <param name="vm_id">Two.</param>
            [ProxmoxTool("ambiguous", ToolTier.Read)]
            public Answer Ambiguous(int vmId, int vm_id) => new("x");
        """);

        diagnostics.Single(d => d.Id == "PMCP0011").GetMessage().ShouldContain("two parameters map to the JSON name 'vm_id'");
    }

    [Fact]
    public void Description_keys_inside_schemas_are_not_mistaken_for_parameters()
    {
        // Regression: parameters named "description" next to documented ones once tripped the duplicate check.
        Run("""
            /// <summary>Described.</summary>
            /// <param name="name">A name.</param>
            /// <param name="description">A description.</param>
            [ProxmoxTool("described", ToolTier.Read)]
            public Answer Described(string name, string? description = null) => new(name);
        """).ShouldBeEmpty();
    }

    private static IReadOnlyList<Diagnostic> Run(string body)
    {
        var compilation = GeneratorHarness.Compile(ToolSamples.WithTools(body));
        // A permissive lock: diagnostics other than the lock check are what these tests look at.
        var lockText = GeneratorHarness.Run(GeneratorHarness.CreateDriver(null, updateLock: true), compilation).ConstantOf("LockFileText");
        return GeneratorHarness.Run(GeneratorHarness.CreateDriver(lockText), compilation).Diagnostics;
    }
}
