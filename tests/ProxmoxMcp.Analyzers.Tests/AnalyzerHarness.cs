using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ProxmoxMcp.Analyzers.Tests;

/// <summary>Runs the real analyzers over source text with CompilationWithAnalyzers.</summary>
internal static class AnalyzerHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(ProxmoxMcp.Tools.ProxmoxToolAttribute).Assembly.Location);
        return [.. paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    public static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string source, params DiagnosticAnalyzer[] only)
    {
        var compilation = CSharpCompilation.Create(
            "AnalyzedCode",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), cancellationToken: TestContext.Current.CancellationToken)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        compilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
        var analyzers = only.Length > 0 ? ImmutableArray.Create(only) : ImmutableArray.Create<DiagnosticAnalyzer>(new DestructiveToolAnalyzer(), new DeleteMethodAnalyzer());
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
        return diagnostics;
    }
}
