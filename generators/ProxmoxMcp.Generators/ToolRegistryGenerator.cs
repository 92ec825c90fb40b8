using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ProxmoxMcp.Generators.Model;

namespace ProxmoxMcp.Generators
{
    /// <summary>
    /// The pipeline: [ProxmoxTool] methods -> equatable models -> one registry file, checked against
    /// tools.lock.json. Parsing lives in <see cref="ToolParser"/>, output in <see cref="RegistryEmitter"/>.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ToolRegistryGenerator : IIncrementalGenerator
    {
        public const string ParseStep = "ParseTools";
        public const string LockStep = "ReadToolsLock";
        public const string CombineStep = "CombineRegistry";
        public const string SafetyStep = "ReadSafetySurface";

        /// <summary>Item metadata marking an AdditionalFiles entry as part of the safety surface, with its stable name.</summary>
        public const string SafetyMetadata = "build_metadata.AdditionalFiles.ProxmoxSafetySurface";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var tools = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    ToolParser.AttributeName,
                    static (node, _) => node is MethodDeclarationSyntax,
                    static (ctx, ct) => ToolParser.Parse(ctx, ct))
                .Where(static tool => tool is not null)
                .Select(static (tool, _) => tool!)
                .WithTrackingName(ParseStep)
                .Collect();

            var lockText = context.AdditionalTextsProvider
                .Where(static file => string.Equals(Path.GetFileName(file.Path), ToolsLock.FileName, StringComparison.OrdinalIgnoreCase))
                .Select(static (file, ct) => file.GetText(ct)?.ToString() ?? string.Empty)
                .Collect()
                .Select(static (texts, _) => texts.IsDefaultOrEmpty ? null : texts[0])
                .WithTrackingName(LockStep);

            // The safety policy's source (its table, rules and requirements, and the tools' views of it) is
            // part of the approved surface: any edit changes the checksum and must be approved in the lock.
            var safety = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, ct) =>
                    pair.Right.GetOptions(pair.Left).TryGetValue(SafetyMetadata, out var name) && !string.IsNullOrEmpty(name)
                        ? new SafetyFile(name.Replace('\\', '/'), ToolsLock.Sha256(ToolsLock.Normalize(pair.Left.GetText(ct)?.ToString() ?? string.Empty)))
                        : null)
                .Where(static file => file is not null)
                .Select(static (file, _) => file!)
                .Collect()
                .Select(static (files, _) => new EquatableArray<SafetyFile>(files.OrderBy(f => f.Name, StringComparer.Ordinal).ToImmutableArray()))
                .WithTrackingName(SafetyStep);

            var updateLock = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) =>
                    options.GlobalOptions.TryGetValue("build_property.UpdateToolsLock", out var value)
                    && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase));

            var combined = tools.Combine(lockText).Combine(updateLock).Combine(safety).WithTrackingName(CombineStep);

            context.RegisterSourceOutput(combined, static (spc, input) =>
            {
                var (((models, lockFile), updating), safetyFiles) = input;
                Execute(spc, models, lockFile, updating, safetyFiles);
            });
        }

        private static void Execute(SourceProductionContext context, ImmutableArray<ToolModel> models, string? lockFile, bool updating, EquatableArray<SafetyFile> safety)
        {
            var safetyFiles = safety.ToList();
            if (models.IsDefaultOrEmpty)
            {
                return;
            }
            var valid = new List<ToolModel>();
            var byName = new Dictionary<string, ToolModel>(StringComparer.Ordinal);
            foreach (var model in models.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.ContainingType + "." + m.MethodName, StringComparer.Ordinal))
            {
                foreach (var diagnostic in model.Diagnostics)
                {
                    context.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
                if (byName.TryGetValue(model.Name, out var first))
                {
                    context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateToolName, model.Location, model.Name,
                        Describe(first), Describe(model)).ToDiagnostic());
                    continue;
                }
                byName[model.Name] = model;
                if (model.IsValid)
                {
                    valid.Add(model);
                }
            }

            if (!updating)
            {
                if (lockFile is null)
                {
                    context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.ToolsLockMissing, null, ToolsLock.UpdateCommand).ToDiagnostic());
                }
                else if (ToolsLock.Compare(lockFile, valid, safetyFiles) is { } difference)
                {
                    context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.ToolSurfaceChanged, null, difference, ToolsLock.UpdateCommand).ToDiagnostic());
                }
            }

            context.AddSource(RegistryEmitter.HintName, RegistryEmitter.Emit(valid, safetyFiles));
        }

        private static string Describe(ToolModel model) =>
            model.ContainingType.Replace("global::", string.Empty) + "." + model.MethodName;
    }
}
