using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ProxmoxMcp.Analyzers
{
    /// <summary>
    /// PMCP0013: <c>HttpMethod.Parse(...)</c> or <c>new HttpMethod(...)</c> with anything but a constant
    /// "GET", "POST" or "PUT". A method name built at run time (<c>string.Concat("DEL", "ETE")</c>) is
    /// one no review can see, so it fails the build whatever it would evaluate to.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HttpMethodAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
            ImmutableArray.Create(DiagnosticDescriptors.HttpMethodNotConstant);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var httpMethod = start.Compilation.GetTypeByMetadataName("System.Net.Http.HttpMethod");
                if (httpMethod is null)
                {
                    return;
                }
                start.RegisterOperationAction(c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    if (invocation.TargetMethod.Name == "Parse" && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, httpMethod)
                        && !(invocation.Arguments.Length > 0 && IsReviewedConstant(invocation.Arguments[0].Value)))
                    {
                        Report(c, "HttpMethod.Parse(...)");
                    }
                }, OperationKind.Invocation);
                start.RegisterOperationAction(c =>
                {
                    var creation = (IObjectCreationOperation)c.Operation;
                    if (SymbolEqualityComparer.Default.Equals(creation.Type, httpMethod)
                        && !(creation.Arguments.Length > 0 && IsReviewedConstant(creation.Arguments[0].Value)))
                    {
                        Report(c, "new HttpMethod(...)");
                    }
                }, OperationKind.ObjectCreation);
            });
        }

        private static bool IsReviewedConstant(IOperation value)
        {
            // HttpMethod.Parse takes a ReadOnlySpan<char>: look through the implicit conversion.
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }
            return value.ConstantValue.HasValue && value.ConstantValue.Value is string text && text is "GET" or "POST" or "PUT";
        }

        private static void Report(OperationAnalysisContext context, string what) =>
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.HttpMethodNotConstant, context.Operation.Syntax.GetLocation(), what));
    }
}
