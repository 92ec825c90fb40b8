using Microsoft.CodeAnalysis;

namespace ProxmoxMcp.Analyzers
{
    /// <summary>
    /// The analyzers' diagnostics. Ids are never reused; PMCP0003 onwards belong to the registry
    /// generator. Release tracking: AnalyzerReleases.*.md.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "ProxmoxMcp.Safety";

        public static readonly DiagnosticDescriptor DestructiveToolName = new DiagnosticDescriptor(
            "PMCP0001",
            "Destructive tool",
            "{0} '{1}' contains the destructive verb '{2}': deletion and other irreversible actions stay human-only, so no tool may offer them",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "A tool whose name or method name contains a destructive verb (delete, destroy, remove, purge, erase, wipe, rollback, revert, unlink, prune, shrink, drop, reset, kill, truncate, format) fails the build.");

        public static readonly DiagnosticDescriptor SendsDeleteMethod = new DiagnosticDescriptor(
            "PMCP0002",
            "Code sends the HTTP DELETE method",
            "{0} sends the HTTP DELETE method; this server must never send DELETE to Proxmox",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "HttpMethod.Delete, HttpClient.DeleteAsync and a \"DELETE\" method string given to a request fail the build.");
    }
}
