using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ProxmoxMcp.Analyzers
{
    /// <summary>
    /// PMCP0012: an HttpClient, HTTP message handler or request made, derived from or sent outside the API
    /// client's factory. Every request to Proxmox must go through the guarded API client (the safety proxy)
    /// and the factory's pipeline (the wire guard); a bare <c>new HttpClient()</c> would skip both.
    /// The reviewed places are listed here, so adding one is a change to this analyzer, seen in review.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HttpOutsideApiClientAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The API client's factory: the types allowed to build and send HTTP.</summary>
        internal static readonly ImmutableHashSet<string> AllowedTypes = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "ProxmoxMcp.Api.ProxmoxHttpClient",
            "ProxmoxMcp.Api.CertificatePolicy",
            // The password login: POST /access/ticket through the API client's own HttpClient (same TLS
            // checks, same wire guard); it sends nothing else.
            "ProxmoxMcp.Api.Authentication.TicketAuthentication",
            "ProxmoxMcp.Hosting.ServerServices",
            "ProxmoxMcp.Safety.WireGuardHandler");

        private static readonly ImmutableHashSet<string> SendMethods = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "Send", "SendAsync", "GetAsync", "PostAsync", "PutAsync", "PatchAsync", "DeleteAsync", "GetStringAsync", "GetByteArrayAsync", "GetStreamAsync",
            "GetFromJsonAsync", "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync", "DeleteFromJsonAsync", "GetFromJsonAsAsyncEnumerable", "CreateClient");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
            ImmutableArray.Create(DiagnosticDescriptors.HttpOutsideApiClient);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var invoker = start.Compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageInvoker");
                var handler = start.Compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageHandler");
                var request = start.Compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
                var factory = start.Compilation.GetTypeByMetadataName("System.Net.Http.IHttpClientFactory");
                if (invoker is null || handler is null || request is null)
                {
                    return;
                }
                start.RegisterOperationAction(c =>
                {
                    var creation = (IObjectCreationOperation)c.Operation;
                    if (creation.Type is { } type && (InheritsFrom(type, invoker) || InheritsFrom(type, handler) || InheritsFrom(type, request)))
                    {
                        ReportOutside(c, $"new {type.Name}(...)");
                    }
                }, OperationKind.ObjectCreation);
                start.RegisterOperationAction(c =>
                {
                    var method = ((IInvocationOperation)c.Operation).TargetMethod;
                    if (!SendMethods.Contains(method.Name))
                    {
                        return;
                    }
                    var receiver = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : method.ContainingType;
                    if (InheritsFrom(receiver, invoker) || InheritsFrom(receiver, handler) || (factory is not null && Implements(receiver, factory)))
                    {
                        ReportOutside(c, $"{receiver?.Name}.{method.Name}");
                    }
                }, OperationKind.Invocation);
                start.RegisterSymbolAction(c =>
                {
                    var type = (INamedTypeSymbol)c.Symbol;
                    if (type.BaseType is { } baseType && (InheritsFrom(baseType, handler) || InheritsFrom(baseType, invoker)) && !AllowedTypes.Contains(Name(type)))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.HttpOutsideApiClient, type.Locations.FirstOrDefault(), $"class {type.Name} : {type.BaseType.Name}", Name(type)));
                    }
                }, SymbolKind.NamedType);
            });
        }

        private static void ReportOutside(OperationAnalysisContext context, string what)
        {
            var owner = context.ContainingSymbol;
            while (owner is not null and not INamedTypeSymbol)
            {
                owner = owner.ContainingSymbol;
            }
            var name = owner is INamedTypeSymbol type ? Name(OuterMost(type)) : "?";
            if (!AllowedTypes.Contains(name))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.HttpOutsideApiClient, context.Operation.Syntax.GetLocation(), what, name));
            }
        }

        private static INamedTypeSymbol OuterMost(INamedTypeSymbol type)
        {
            while (type.ContainingType is { } outer)
            {
                type = outer;
            }
            return type;
        }

        private static string Name(INamedTypeSymbol type) =>
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);

        private static bool Implements(ITypeSymbol? type, INamedTypeSymbol iface) =>
            type is not null && (SymbolEqualityComparer.Default.Equals(type, iface) || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, iface)));

        internal static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
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
    }
}
