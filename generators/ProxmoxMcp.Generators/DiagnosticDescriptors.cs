using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ProxmoxMcp.Generators
{
    /// <summary>
    /// Every diagnostic of the tool registry generator. Ids are never reused; PMCP0001 and PMCP0002
    /// belong to the analyzers. Release tracking: AnalyzerReleases.*.md.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "ProxmoxMcp.ToolRegistry";

        public static readonly DiagnosticDescriptor DuplicateToolName = new DiagnosticDescriptor(
            "PMCP0003",
            "Duplicate tool name",
            "Tool name '{0}' is declared by both {1} and {2}; MCP clients would silently see only one of them",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnsupportedParameterType = new DiagnosticDescriptor(
            "PMCP0004",
            "Unsupported tool parameter type",
            "Parameter '{0}' of tool '{1}' has type '{2}', which a tool cannot take: use string, int, long, bool, double, an enum, a list of strings or integers, IReadOnlyDictionary<string, string>, ToolContext or CancellationToken",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor MissingToolDescription = new DiagnosticDescriptor(
            "PMCP0005",
            "Tool without a description",
            "Tool '{0}' has no description: add an XML <summary> to {1}, since it is what the agent reads to choose the tool",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor ToolSurfaceChanged = new DiagnosticDescriptor(
            "PMCP0006",
            "Tool surface differs from tools.lock.json",
            "The tool surface differs from tools.lock.json ({0}): review what agents may now do, then rewrite the lock in the same change with '{1}'",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor ToolsLockMissing = new DiagnosticDescriptor(
            "PMCP0007",
            "tools.lock.json is missing",
            "tools.lock.json was not found among the project's additional files; create it with '{0}'",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnsupportedReturnType = new DiagnosticDescriptor(
            "PMCP0008",
            "Unsupported tool return type",
            "Tool '{0}' returns '{1}': {2}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor InvalidToolName = new DiagnosticDescriptor(
            "PMCP0009",
            "Invalid tool name",
            "Tool name '{0}' must be snake_case: a lowercase letter, then lowercase letters, digits or underscores, at most 64 characters",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor MissingParameterDescription = new DiagnosticDescriptor(
            "PMCP0010",
            "Tool parameter without a description",
            "Parameter '{0}' of tool '{1}' has no description: add <param name=\"{0}\"> to the method's XML docs",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor InvalidToolMethod = new DiagnosticDescriptor(
            "PMCP0011",
            "Tool method cannot be called from the registry",
            "Tool '{0}' cannot be generated: {1}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        private static readonly Dictionary<string, DiagnosticDescriptor> All = new[]
        {
            DuplicateToolName, UnsupportedParameterType, MissingToolDescription, ToolSurfaceChanged,
            ToolsLockMissing, UnsupportedReturnType, InvalidToolName, MissingParameterDescription, InvalidToolMethod,
        }.ToDictionary(d => d.Id);

        public static DiagnosticDescriptor ById(string id) => All[id];
    }
}
