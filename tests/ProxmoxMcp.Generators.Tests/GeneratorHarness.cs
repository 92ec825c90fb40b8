using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ProxmoxMcp.Generators;

namespace ProxmoxMcp.Generators.Tests;

/// <summary>Runs the real generator over source text with CSharpGeneratorDriver, as the compiler does.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(ProxmoxMcp.Tools.ProxmoxToolBase).Assembly.Location);
        paths.Add(typeof(ModelContextProtocol.Protocol.CallToolResult).Assembly.Location);
        return [.. paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "ToolsUnderTest",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Tools{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(string? lockText, bool updateLock = false)
    {
        var additional = lockText is null ? ImmutableArray<AdditionalText>.Empty : [new InMemoryText("/repo/tools.lock.json", lockText)];
        return CSharpGeneratorDriver.Create(
            [new ToolRegistryGenerator().AsSourceGenerator()],
            additional,
            ParseOptions,
            new OptionsProvider(updateLock),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs once without a lock check to learn the lock text, then again with it: the normal, passing build.</summary>
    public static GeneratorOutcome RunWithMatchingLock(params string[] sources)
    {
        var compilation = Compile(sources);
        var first = Run(CreateDriver(null, updateLock: true), compilation);
        var lockText = first.ConstantOf("LockFileText");
        return Run(CreateDriver(lockText), compilation);
    }

    public static GeneratorOutcome Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, TestContext.Current.CancellationToken);
        return new GeneratorOutcome(driver, driver.GetRunResult(), output, diagnostics);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class OptionsProvider(bool updateLock) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(updateLock);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(false);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(false);

        private sealed class Options(bool updateLock) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
            {
                value = key == "build_property.UpdateToolsLock" && updateLock ? "true" : null;
                return value is not null;
            }
        }
    }
}

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorOutcome(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics)
{
    public string GeneratedSource => Result.GeneratedTrees.Single().ToString();

    public IEnumerable<Diagnostic> CompilationErrors =>
        Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);

    public string ConstantOf(string field) =>
        (string)Output.GetTypeByMetadataName("ProxmoxMcp.Tools.GeneratedToolRegistry")!.GetMembers(field).OfType<IFieldSymbol>().Single().ConstantValue!;
}
