using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ProxmoxMcp.Safety;

namespace ProxmoxMcp.Analyzers
{
    /// <summary>PMCP0001: a [ProxmoxTool] whose tool name or method name holds a destructive verb.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DestructiveToolAnalyzer : DiagnosticAnalyzer
    {
        private const string AttributeName = "ProxmoxMcp.Tools.ProxmoxToolAttribute";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
            ImmutableArray.Create(DiagnosticDescriptors.DestructiveToolName);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var attributeType = start.Compilation.GetTypeByMetadataName(AttributeName);
                if (attributeType is null)
                {
                    return;
                }
                start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, attributeType), SymbolKind.Method);
            });
        }

        private static void AnalyzeMethod(SymbolAnalysisContext context, INamedTypeSymbol attributeType)
        {
            var method = (IMethodSymbol)context.Symbol;
            var attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));
            if (attribute is null)
            {
                return;
            }
            var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? method.Locations.FirstOrDefault();
            if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string toolName
                && DestructiveVocabulary.FindDestructiveWord(toolName) is { } verb)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DestructiveToolName, location, "Tool name", toolName, verb));
            }
            if (DestructiveVocabulary.FindDestructiveWord(method.Name) is { } methodVerb)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DestructiveToolName, method.Locations.FirstOrDefault(), "Tool method", method.Name, methodVerb));
            }
        }
    }
}
