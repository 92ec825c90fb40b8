using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ProxmoxMcp.Generators
{
    /// <summary>
    /// Builds a tool's output schema from its result type, with the conventions the runtime
    /// serializer uses (ToolJson): snake_case names, enums as snake_case strings, nullable members
    /// omitted when null and therefore not required.
    /// </summary>
    internal sealed class OutputSchemaBuilder
    {
        private const int MaxDepth = 12;
        private readonly HashSet<ITypeSymbol> _inProgress = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);

        public string? Error { get; private set; }

        /// <summary>The schema of the result record; null (with <see cref="Error"/>) when the type cannot be described.</summary>
        public JsonObject? BuildRoot(ITypeSymbol type)
        {
            if (!IsObjectShaped(type))
            {
                Error = "a tool must return a record or class (the MCP output schema is always an object), optionally wrapped in Task<> or ValueTask<>";
                return null;
            }
            return Build(type, 0, null);
        }

        private JsonObject? Build(ITypeSymbol type, int depth, string? description)
        {
            if (depth > MaxDepth)
            {
                Error = $"'{type.ToDisplayString()}' nests deeper than {MaxDepth} levels";
                return null;
            }
            var schema = BuildCore(type, depth);
            if (schema is not null && !string.IsNullOrEmpty(description))
            {
                schema.Set("description", description!);
            }
            return schema;
        }

        private JsonObject? BuildCore(ITypeSymbol type, int depth)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                return BuildCore(nullable.TypeArguments[0], depth);
            }
            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                    return new JsonObject().Set("type", "string");
                case SpecialType.System_Boolean:
                    return new JsonObject().Set("type", "boolean");
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt16:
                case SpecialType.System_UInt32:
                case SpecialType.System_UInt64:
                    return new JsonObject().Set("type", "integer");
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                    return new JsonObject().Set("type", "number");
                case SpecialType.System_DateTime:
                    return new JsonObject().Set("type", "string").Set("format", "date-time");
            }
            var fullName = type.OriginalDefinition.ToDisplayString();
            switch (fullName)
            {
                case "System.DateTimeOffset":
                    return new JsonObject().Set("type", "string").Set("format", "date-time");
                case "System.TimeSpan":
                    return new JsonObject().Set("type", "string");
                case "System.Text.Json.JsonElement":
                    return new JsonObject();
            }
            if (type.TypeKind == TypeKind.Enum)
            {
                var names = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue)
                    .Select(f => NameConventions.ToSnakeCase(f.Name));
                return new JsonObject().Set("type", "string").Set("enum", JsonArray.OfStrings(names));
            }
            if (type is IArrayTypeSymbol array)
            {
                var items = Build(array.ElementType, depth + 1, null);
                return items is null ? null : new JsonObject().Set("type", "array").Set("items", items);
            }
            if (type is INamedTypeSymbol named)
            {
                if (TryDictionaryValue(named, out var valueType))
                {
                    var values = Build(valueType!, depth + 1, null);
                    return values is null ? null : new JsonObject().Set("type", "object").Set("additionalProperties", values);
                }
                if (TryEnumerableItem(named, out var itemType))
                {
                    var items = Build(itemType!, depth + 1, null);
                    return items is null ? null : new JsonObject().Set("type", "array").Set("items", items);
                }
                if (IsObjectShaped(named))
                {
                    return BuildObject(named, depth);
                }
            }
            Error = $"the type '{type.ToDisplayString()}' has no JSON schema mapping";
            return null;
        }

        private JsonObject? BuildObject(INamedTypeSymbol type, int depth)
        {
            if (!_inProgress.Add(type))
            {
                Error = $"'{type.ToDisplayString()}' refers to itself; output schemas must be finite";
                return null;
            }
            try
            {
                var typeDocs = DocComments.Parse(type.GetDocumentationCommentXml());
                var properties = new JsonObject();
                var required = new List<string>();
                foreach (var property in PublicProperties(type))
                {
                    var name = JsonName(property);
                    var docs = DocComments.Parse(property.GetDocumentationCommentXml()).Summary;
                    if (docs.Length == 0 && typeDocs.Parameters.TryGetValue(property.Name, out var fromRecord))
                    {
                        docs = fromRecord;
                    }
                    var schema = Build(property.Type, depth + 1, docs);
                    if (schema is null)
                    {
                        return null;
                    }
                    properties.Set(name, schema);
                    if (!IsNullable(property.Type))
                    {
                        required.Add(name);
                    }
                }
                var result = new JsonObject()
                    .Set("type", "object")
                    .Set("properties", properties)
                    .Set("additionalProperties", false);
                if (required.Count > 0)
                {
                    required.Sort(System.StringComparer.Ordinal);
                    result.Set("required", JsonArray.OfStrings(required));
                }
                return result;
            }
            finally
            {
                _inProgress.Remove(type);
            }
        }

        private static IEnumerable<IPropertySymbol> PublicProperties(INamedTypeSymbol type)
        {
            var seen = new HashSet<string>();
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
                {
                    if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                        || property.GetMethod is null || property.GetMethod.DeclaredAccessibility != Accessibility.Public
                        || property.Name == "EqualityContract" || HasAttribute(property, "System.Text.Json.Serialization.JsonIgnoreAttribute")
                        || !seen.Add(property.Name))
                    {
                        continue;
                    }
                    yield return property;
                }
            }
        }

        private static string JsonName(IPropertySymbol property)
        {
            foreach (var attribute in property.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPropertyNameAttribute"
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                {
                    return name;
                }
            }
            return NameConventions.ToSnakeCase(property.Name);
        }

        private static bool HasAttribute(ISymbol symbol, string fullName) =>
            symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == fullName);

        private static bool IsNullable(ITypeSymbol type) =>
            type.NullableAnnotation == NullableAnnotation.Annotated
            || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

        internal static bool IsObjectShaped(ITypeSymbol type) =>
            type is INamedTypeSymbol named
            && (named.TypeKind == TypeKind.Class || named.TypeKind == TypeKind.Struct)
            && named.SpecialType == SpecialType.None
            && !named.IsAnonymousType
            && !TryDictionaryValue(named, out _)
            && !TryEnumerableItem(named, out _)
            && named.ContainingNamespace?.ToDisplayString() is not ("System" or "System.Threading.Tasks");

        internal static bool TryEnumerableItem(INamedTypeSymbol type, out ITypeSymbol? item)
        {
            item = null;
            if (type.SpecialType == SpecialType.System_String)
            {
                return false;
            }
            var candidates = type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                ? new[] { type }
                : type.AllInterfaces.Where(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T).ToArray();
            if (candidates.Length == 1)
            {
                item = candidates[0].TypeArguments[0];
                return true;
            }
            return false;
        }

        internal static bool TryDictionaryValue(INamedTypeSymbol type, out ITypeSymbol? value)
        {
            value = null;
            foreach (var candidate in new[] { type }.Concat(type.AllInterfaces))
            {
                var name = candidate.OriginalDefinition.ToDisplayString();
                if ((name == "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>" || name == "System.Collections.Generic.IDictionary<TKey, TValue>")
                    && candidate.TypeArguments[0].SpecialType == SpecialType.System_String)
                {
                    value = candidate.TypeArguments[1];
                    return true;
                }
            }
            return false;
        }
    }
}
