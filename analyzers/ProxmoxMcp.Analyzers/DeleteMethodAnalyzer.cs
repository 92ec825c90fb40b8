using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ProxmoxMcp.Analyzers
{
    /// <summary>
    /// PMCP0002: code that would send the HTTP DELETE method: <c>HttpMethod.Delete</c>,
    /// <c>HttpClient.DeleteAsync</c> (and <c>DeleteFromJsonAsync</c>), or a constant "DELETE" given to
    /// <c>new HttpMethod(...)</c> or <c>HttpMethod.Parse(...)</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DeleteMethodAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
            ImmutableArray.Create(DiagnosticDescriptors.SendsDeleteMethod);

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
                var httpClient = start.Compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
                start.RegisterOperationAction(c => AnalyzePropertyReference(c, httpMethod), OperationKind.PropertyReference);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, httpMethod, httpClient), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeObjectCreation(c, httpMethod), OperationKind.ObjectCreation);
            });
        }

        private static void AnalyzePropertyReference(OperationAnalysisContext context, INamedTypeSymbol httpMethod)
        {
            var reference = (IPropertyReferenceOperation)context.Operation;
            if (reference.Property.Name == "Delete" && SymbolEqualityComparer.Default.Equals(reference.Property.ContainingType, httpMethod))
            {
                Report(context, "HttpMethod.Delete");
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol httpMethod, INamedTypeSymbol? httpClient)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.Name is "DeleteAsync" or "DeleteFromJsonAsync")
            {
                var receiver = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : method.ContainingType;
                if (httpClient is not null && InheritsFrom(receiver, httpClient))
                {
                    Report(context, "HttpClient." + method.Name);
                    return;
                }
            }
            if (method.Name == "Parse" && SymbolEqualityComparer.Default.Equals(method.ContainingType, httpMethod)
                && invocation.Arguments.Length > 0 && IsDeleteConstant(invocation.Arguments[0].Value))
            {
                Report(context, "HttpMethod.Parse(\"DELETE\")");
            }
        }

        private static void AnalyzeObjectCreation(OperationAnalysisContext context, INamedTypeSymbol httpMethod)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (SymbolEqualityComparer.Default.Equals(creation.Type, httpMethod)
                && creation.Arguments.Length > 0 && IsDeleteConstant(creation.Arguments[0].Value))
            {
                Report(context, "new HttpMethod(\"DELETE\")");
            }
        }

        private static bool IsDeleteConstant(IOperation value)
        {
            // HttpMethod.Parse takes a ReadOnlySpan<char>: look through the implicit conversion.
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }
            return value.ConstantValue.HasValue && value.ConstantValue.Value is string text
                && string.Equals(text.Trim(), "DELETE", StringComparison.OrdinalIgnoreCase);
        }

        private static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }
            return false;
        }

        private static void Report(OperationAnalysisContext context, string what) =>
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SendsDeleteMethod, context.Operation.Syntax.GetLocation(), what));
    }
}
