using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ProxmoxMcp.Generators.Model;

namespace ProxmoxMcp.Generators
{
    /// <summary>
    /// Turns one <c>[ProxmoxTool]</c> method into a <see cref="ToolModel"/>: schemas, binding
    /// expressions, annotations and diagnostics, all as plain strings.
    /// </summary>
    internal static class ToolParser
    {
        public const string AttributeName = "ProxmoxMcp.Tools.ProxmoxToolAttribute";
        private const string ContextType = "ProxmoxMcp.Tools.ToolContext";

        public static ToolModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.Length == 0)
            {
                return null;
            }
            var attribute = context.Attributes[0];
            var location = LocationInfo.From(method.Locations.FirstOrDefault());
            var diagnostics = new List<DiagnosticInfo>();

            var name = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? string.Empty : string.Empty;
            var tierMember = TierMember(attribute);
            if (!NameConventions.IsValidToolName(name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidToolName, location, name));
            }

            CheckCallable(method, name, location, diagnostics);

            var docs = DocComments.Parse(method.GetDocumentationCommentXml(cancellationToken: cancellationToken));
            if (docs.Summary.Length == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingToolDescription, location, name, method.ContainingType.Name + "." + method.Name));
            }

            var (resultType, isAsync) = UnwrapReturnType(method.ReturnType);
            JsonObject? outputSchema = null;
            if (resultType is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, location, name, method.ReturnType.ToDisplayString(),
                    "a tool must return a result record, optionally wrapped in Task<> or ValueTask<>"));
            }
            else
            {
                var builder = new OutputSchemaBuilder();
                outputSchema = builder.BuildRoot(resultType);
                if (outputSchema is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, location, name, resultType.ToDisplayString(), builder.Error ?? "unsupported"));
                }
            }

            var parameters = new List<ParameterModel>();
            var properties = new JsonObject();
            var required = new List<string>();
            var jsonNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var parameter in method.Parameters)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var parameterLocation = LocationInfo.From(parameter.Locations.FirstOrDefault()) ?? location;
                var model = ParameterBinding.Create(name, parameter, docs, out var schema, out var error);
                if (model is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameterType, parameterLocation,
                        parameter.Name, name, error ?? parameter.Type.ToDisplayString()));
                    continue;
                }
                parameters.Add(model);
                if (schema is null)
                {
                    continue;
                }
                if (!docs.Parameters.TryGetValue(parameter.Name, out var description) || description.Length == 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingParameterDescription, parameterLocation, parameter.Name, name));
                }
                if (!jsonNames.Add(model.JsonName))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidToolMethod, parameterLocation, name,
                        $"two parameters map to the JSON name '{model.JsonName}'"));
                }
                properties.Set(model.JsonName, schema);
                if (!parameter.HasExplicitDefaultValue)
                {
                    required.Add(model.JsonName);
                }
            }

            var inputSchema = new JsonObject()
                .Set("type", "object")
                .Set("properties", properties)
                .Set("additionalProperties", false);
            if (required.Count > 0)
            {
                required.Sort(StringComparer.Ordinal);
                inputSchema.Set("required", JsonArray.OfStrings(required));
            }

            var (readOnly, destructive, idempotent, openWorld) = Annotations(tierMember);
            var title = NameConventions.ToTitle(name);
            var inputJson = inputSchema.ToString();
            var publishedInputJson = PublishedSchema.ForInput(inputSchema).ToString();
            var outputJson = outputSchema?.ToString() ?? "{\"type\":\"object\"}";
            var publishedOutputJson = outputSchema is null ? outputJson : PublishedSchema.ForOutput(outputSchema).ToString();
            var canonical = new JsonObject()
                .Set("name", name)
                .Set("tier", NameConventions.ToSnakeCase(tierMember))
                .Set("title", title)
                .Set("description", docs.Summary)
                .Set("inputSchema", JsonValue.Raw(inputJson))
                .Set("outputSchema", JsonValue.Raw(outputJson))
                .Set("annotations", new JsonObject()
                    .Set("readOnlyHint", readOnly)
                    .Set("destructiveHint", destructive)
                    .Set("idempotentHint", idempotent)
                    .Set("openWorldHint", openWorld))
                .ToString();

            return new ToolModel(
                name,
                tierMember,
                title,
                docs.Summary,
                inputJson,
                publishedInputJson,
                outputJson,
                publishedOutputJson,
                readOnly,
                destructive,
                idempotent,
                openWorld,
                method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                method.Name,
                method.IsStatic,
                isAsync,
                new EquatableArray<ParameterModel>(parameters),
                canonical,
                location,
                new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        /// <summary>The tier decides what the agent is told: read-only, destructive, idempotent, open world.</summary>
        internal static (bool ReadOnly, bool Destructive, bool Idempotent, bool OpenWorld) Annotations(string tierMember) => tierMember switch
        {
            "Read" => (true, false, true, false),
            "Lifecycle" => (false, false, true, false),
            "Provision" => (false, false, false, false),
            _ => (false, true, false, true),
        };

        private static string TierMember(AttributeData attribute)
        {
            if (attribute.ConstructorArguments.Length < 2)
            {
                return "GuestExec";
            }
            var argument = attribute.ConstructorArguments[1];
            var field = argument.Type?.GetMembers().OfType<IFieldSymbol>()
                .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, argument.Value));
            // An unknown tier value gets the most guarded annotations rather than the least.
            return field?.Name ?? "GuestExec";
        }

        private static void CheckCallable(IMethodSymbol method, string name, LocationInfo? location, List<DiagnosticInfo> diagnostics)
        {
            string? problem = null;
            if (method.IsGenericMethod)
            {
                problem = "generic methods cannot be tools";
            }
            else if (method.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
            {
                problem = "the method must be public or internal";
            }
            else if (method.ContainingType.IsGenericType)
            {
                problem = "the containing type must not be generic";
            }
            else if (!IsReachable(method.ContainingType))
            {
                problem = "the containing type must be public or internal (and so must the types it is nested in)";
            }
            else if (method.Parameters.Any(p => p.RefKind != RefKind.None))
            {
                problem = "ref, out and in parameters cannot be bound from JSON";
            }
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidToolMethod, location, name, problem));
            }
        }

        private static bool IsReachable(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
                {
                    return false;
                }
            }
            return true;
        }

        private static (ITypeSymbol? Result, bool IsAsync) UnwrapReturnType(ITypeSymbol returnType)
        {
            if (returnType is INamedTypeSymbol named && named.IsGenericType)
            {
                var definition = named.OriginalDefinition.ToDisplayString();
                if (definition == "System.Threading.Tasks.Task<TResult>" || definition == "System.Threading.Tasks.ValueTask<TResult>")
                {
                    return (named.TypeArguments[0], true);
                }
            }
            if (returnType.SpecialType == SpecialType.System_Void || returnType.ToDisplayString() is "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask")
            {
                return (null, false);
            }
            return (returnType, false);
        }

        internal static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        internal static string Literal(double? value) =>
            value is null ? "null" : value.Value.ToString("R", CultureInfo.InvariantCulture) + "d";

        internal static string Literal(int? value) =>
            value is null ? "null" : value.Value.ToString(CultureInfo.InvariantCulture);

        internal static bool IsContext(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() == ContextType;
    }
}
