using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using ProxmoxMcp.Generators.Model;

namespace ProxmoxMcp.Generators
{
    /// <summary>
    /// Decides, for one method parameter, its JSON schema and the C# expression that binds it through
    /// <c>ArgumentBinder</c>. Constraints come from System.ComponentModel.DataAnnotations attributes:
    /// [Range], [RegularExpression], [MinLength], [MaxLength], [StringLength], [Length].
    /// </summary>
    internal static class ParameterBinding
    {
        private const string Annotations = "System.ComponentModel.DataAnnotations.";

        public static ParameterModel? Create(string toolName, IParameterSymbol parameter, DocComments docs, out JsonObject? schema, out string? error)
        {
            schema = null;
            error = null;
            var type = parameter.Type;
            var jsonName = NameConventions.ToSnakeCase(parameter.Name);

            if (type.ToDisplayString() == "System.Threading.CancellationToken")
            {
                return new ParameterModel(parameter.Name, jsonName, ParameterKind.CancellationToken, "invocation.CancellationToken", EquatableArray<string>.Empty);
            }
            if (ToolParser.IsContext(type))
            {
                return new ParameterModel(parameter.Name, jsonName, ParameterKind.Context,
                    $"new global::ProxmoxMcp.Tools.ToolContext({ToolParser.Literal(toolName)}, invocation.Progress)", EquatableArray<string>.Empty);
            }

            var constraints = Constraints.Read(parameter);
            var required = !parameter.HasExplicitDefaultValue;
            var requiredLiteral = required ? "true" : "false";
            var defaultValue = parameter.HasExplicitDefaultValue ? parameter.ExplicitDefaultValue : null;
            schema = new JsonObject();
            if (docs.Parameters.TryGetValue(parameter.Name, out var description) && description.Length > 0)
            {
                schema.Set("description", description);
            }
            var underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                ? nullable.TypeArguments[0]
                : type;
            var isNullableValue = !SymbolEqualityComparer.Default.Equals(underlying, type);
            var name = ToolParser.Literal(jsonName);
            string bind;
            ParameterKind kind;
            var enumMembers = EquatableArray<string>.Empty;

            switch (underlying.SpecialType)
            {
                case SpecialType.System_String:
                    kind = ParameterKind.String;
                    schema.Set("type", "string");
                    if (defaultValue is string s)
                    {
                        schema.Set("default", s);
                    }
                    ApplyStringConstraints(schema, constraints);
                    bind = $"binder.String({name}, {requiredLiteral}, {(defaultValue is string d ? ToolParser.Literal(d) : "null")}, {Pattern(constraints)}, {ToolParser.Literal(constraints.MinLength)}, {ToolParser.Literal(constraints.MaxLength)})";
                    break;
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                    kind = underlying.SpecialType == SpecialType.System_Int32 ? ParameterKind.Int32 : ParameterKind.Int64;
                    schema.Set("type", "integer");
                    ApplyRange(schema, constraints);
                    var isInt = kind == ParameterKind.Int32;
                    // int parameters are checked against int's own range even where the schema declares none.
                    var min = constraints.Minimum ?? (isInt ? int.MinValue : (double?)null);
                    var max = constraints.Maximum ?? (isInt ? int.MaxValue : (double?)null);
                    var defaultInteger = defaultValue is null ? "null" : Convert.ToInt64(defaultValue, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "L";
                    if (defaultValue is not null)
                    {
                        schema.Set("default", Convert.ToDouble(defaultValue, CultureInfo.InvariantCulture));
                    }
                    var call = $"binder.Integer({name}, {requiredLiteral}, {defaultInteger}, {ToolParser.Literal(min)}, {ToolParser.Literal(max)})";
                    var cast = isInt ? "int" : "long";
                    bind = isNullableValue ? $"({cast}?){call}" : $"({cast}){call}.GetValueOrDefault()";
                    break;
                case SpecialType.System_Boolean:
                    kind = ParameterKind.Boolean;
                    schema.Set("type", "boolean");
                    if (defaultValue is bool b)
                    {
                        schema.Set("default", b);
                    }
                    var boolCall = $"binder.Boolean({name}, {requiredLiteral}, {(defaultValue is bool db ? (db ? "true" : "false") : "null")})";
                    bind = isNullableValue ? boolCall : boolCall + ".GetValueOrDefault()";
                    break;
                case SpecialType.System_Double:
                    kind = ParameterKind.Double;
                    schema.Set("type", "number");
                    ApplyRange(schema, constraints);
                    double? defaultNumber = defaultValue is null ? null : Convert.ToDouble(defaultValue, CultureInfo.InvariantCulture);
                    if (defaultNumber is not null)
                    {
                        schema.Set("default", defaultNumber.Value);
                    }
                    var numberCall = $"binder.Number({name}, {requiredLiteral}, {ToolParser.Literal(defaultNumber)}, {ToolParser.Literal(constraints.Minimum)}, {ToolParser.Literal(constraints.Maximum)})";
                    bind = isNullableValue ? numberCall : numberCall + ".GetValueOrDefault()";
                    break;
                default:
                    if (underlying.TypeKind == TypeKind.Enum)
                    {
                        kind = ParameterKind.Enum;
                        var fields = underlying.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToArray();
                        var values = fields.Select(f => NameConventions.ToSnakeCase(f.Name)).ToArray();
                        var enumType = underlying.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                        enumMembers = new EquatableArray<string>(fields.Select(f => enumType + "." + f.Name));
                        schema.Set("type", "string").Set("enum", JsonArray.OfStrings(values));
                        var defaultIndex = defaultValue is null ? -1 : Array.FindIndex(fields, f => Equals(f.ConstantValue, defaultValue));
                        if (defaultIndex >= 0)
                        {
                            schema.Set("default", values[defaultIndex]);
                        }
                        var valuesLiteral = "new string[] { " + string.Join(", ", values.Select(ToolParser.Literal)) + " }";
                        var membersLiteral = $"new {enumType}[] {{ " + string.Join(", ", enumMembers) + " }";
                        var defaultLiteral = defaultIndex >= 0 ? enumMembers[defaultIndex] : "null";
                        var enumCall = $"binder.Enum<{enumType}>({name}, {requiredLiteral}, {defaultLiteral}, {valuesLiteral}, {membersLiteral})";
                        bind = isNullableValue ? enumCall : enumCall + ".GetValueOrDefault()";
                        break;
                    }
                    if (!TryCollection(underlying, constraints, name, requiredLiteral, schema, out kind, out bind!, out error))
                    {
                        schema = null;
                        return null;
                    }
                    if (required)
                    {
                        // A required argument that is missing has already failed the binder; the value is never used.
                        bind += "!";
                    }
                    else if (defaultValue is not null)
                    {
                        error = $"{type.ToDisplayString()} (an optional list or map must default to null)";
                        schema = null;
                        return null;
                    }
                    break;
            }
            if (!required && defaultValue is null && !type.IsReferenceType && !isNullableValue)
            {
                error = $"{type.ToDisplayString()} (an optional value parameter needs a default or a nullable type)";
                schema = null;
                return null;
            }
            return new ParameterModel(parameter.Name, jsonName, kind, bind, enumMembers);
        }

        private static bool TryCollection(ITypeSymbol type, Constraints constraints, string name, string requiredLiteral, JsonObject schema,
            out ParameterKind kind, out string? bind, out string? error)
        {
            kind = ParameterKind.String;
            bind = null;
            error = null;
            var display = type.OriginalDefinition.ToDisplayString();
            if (type is INamedTypeSymbol named && named.TypeArguments.Length == 2
                && display == "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>"
                && named.TypeArguments.All(t => t.SpecialType == SpecialType.System_String))
            {
                kind = ParameterKind.StringMap;
                schema.Set("type", "object").Set("additionalProperties", new JsonObject().Set("type", JsonArray.OfStrings(new[] { "boolean", "number", "string" })));
                bind = $"binder.StringMap({name}, {requiredLiteral})";
                return true;
            }
            if (type is INamedTypeSymbol jsonMap && jsonMap.TypeArguments.Length == 2
                && display == "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>"
                && jsonMap.TypeArguments[0].SpecialType == SpecialType.System_String
                && jsonMap.TypeArguments[1].ToDisplayString() == "System.Text.Json.JsonElement")
            {
                // Any JSON values by name (the arguments of another tool); the code that takes them validates them.
                kind = ParameterKind.JsonMap;
                schema.Set("type", "object");
                bind = $"binder.JsonMap({name}, {requiredLiteral})";
                return true;
            }
            if (type is INamedTypeSymbol list && list.TypeArguments.Length == 1 && display == "System.Collections.Generic.IReadOnlyList<T>")
            {
                var item = list.TypeArguments[0];
                var itemSchema = new JsonObject();
                switch (item.SpecialType)
                {
                    case SpecialType.System_String:
                        kind = ParameterKind.StringList;
                        itemSchema.Set("type", "string");
                        if (constraints.Pattern is not null)
                        {
                            itemSchema.Set("pattern", constraints.Pattern);
                        }
                        bind = $"binder.StringList({name}, {requiredLiteral}, {Pattern(constraints)}, {ToolParser.Literal(constraints.MinLength)}, {ToolParser.Literal(constraints.MaxLength)})";
                        break;
                    case SpecialType.System_Int32:
                    case SpecialType.System_Int64:
                        var isInt = item.SpecialType == SpecialType.System_Int32;
                        kind = isInt ? ParameterKind.Int32List : ParameterKind.Int64List;
                        itemSchema.Set("type", "integer");
                        ApplyRange(itemSchema, constraints);
                        var min = constraints.Minimum ?? (isInt ? int.MinValue : (double?)null);
                        var max = constraints.Maximum ?? (isInt ? int.MaxValue : (double?)null);
                        var call = $"binder.IntegerList({name}, {requiredLiteral}, {ToolParser.Literal(min)}, {ToolParser.Literal(max)}, {ToolParser.Literal(constraints.MinLength)}, {ToolParser.Literal(constraints.MaxLength)})";
                        bind = isInt ? $"global::ProxmoxMcp.Tools.ArgumentBinder.ToInt32List({call})" : call;
                        break;
                    default:
                        error = type.ToDisplayString();
                        return false;
                }
                schema.Set("type", "array").Set("items", itemSchema);
                if (constraints.MinLength is { } minItems)
                {
                    schema.Set("minItems", minItems);
                }
                if (constraints.MaxLength is { } maxItems)
                {
                    schema.Set("maxItems", maxItems);
                }
                return true;
            }
            error = type.ToDisplayString();
            return false;
        }

        private static void ApplyStringConstraints(JsonObject schema, Constraints constraints)
        {
            if (constraints.Pattern is not null)
            {
                schema.Set("pattern", constraints.Pattern);
            }
            if (constraints.MinLength is { } min)
            {
                schema.Set("minLength", min);
            }
            if (constraints.MaxLength is { } max)
            {
                schema.Set("maxLength", max);
            }
        }

        private static void ApplyRange(JsonObject schema, Constraints constraints)
        {
            if (constraints.Minimum is { } min)
            {
                schema.Set("minimum", min);
            }
            if (constraints.Maximum is { } max)
            {
                schema.Set("maximum", max);
            }
        }

        private static string Pattern(Constraints constraints) =>
            constraints.Pattern is null ? "null" : ToolParser.Literal(constraints.Pattern);

        /// <summary>The DataAnnotations constraints found on one parameter.</summary>
        private sealed class Constraints
        {
            public double? Minimum { get; private set; }

            public double? Maximum { get; private set; }

            public string? Pattern { get; private set; }

            public int? MinLength { get; private set; }

            public int? MaxLength { get; private set; }

            public static Constraints Read(IParameterSymbol parameter)
            {
                var result = new Constraints();
                foreach (var attribute in parameter.GetAttributes())
                {
                    var args = attribute.ConstructorArguments;
                    switch (attribute.AttributeClass?.ToDisplayString())
                    {
                        case Annotations + "RangeAttribute" when args.Length == 2:
                            result.Minimum = Convert.ToDouble(args[0].Value, CultureInfo.InvariantCulture);
                            result.Maximum = Convert.ToDouble(args[1].Value, CultureInfo.InvariantCulture);
                            break;
                        case Annotations + "RegularExpressionAttribute" when args.Length == 1:
                            result.Pattern = args[0].Value as string;
                            break;
                        case Annotations + "MinLengthAttribute" when args.Length == 1:
                            result.MinLength = (int?)args[0].Value;
                            break;
                        case Annotations + "MaxLengthAttribute" when args.Length == 1:
                            result.MaxLength = (int?)args[0].Value;
                            break;
                        case Annotations + "LengthAttribute" when args.Length == 2:
                            result.MinLength = (int?)args[0].Value;
                            result.MaxLength = (int?)args[1].Value;
                            break;
                        case Annotations + "StringLengthAttribute" when args.Length == 1:
                            result.MaxLength = (int?)args[0].Value;
                            foreach (var named in attribute.NamedArguments)
                            {
                                if (named.Key == "MinimumLength" && named.Value.Value is int minimumLength && minimumLength > 0)
                                {
                                    result.MinLength = minimumLength;
                                }
                            }
                            break;
                    }
                }
                return result;
            }
        }
    }
}
