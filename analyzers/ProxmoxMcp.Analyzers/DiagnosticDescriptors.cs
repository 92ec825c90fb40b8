using Microsoft.CodeAnalysis;

namespace ProxmoxMcp.Analyzers
{
    /// <summary>
    /// The analyzers' diagnostics. Ids are never reused; PMCP0003 to PMCP0011 belong to the registry
    /// generator, PMCP0012 onwards to these analyzers again. Release tracking: AnalyzerReleases.*.md.
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

        public static readonly DiagnosticDescriptor HttpOutsideApiClient = new DiagnosticDescriptor(
            "PMCP0012",
            "HTTP outside the API client",
            "{0} in {1}: HTTP clients, handlers and requests are made and sent only by the API client's factory, so every request passes the safety proxy and the wire guard",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "Creating, deriving from or sending with HttpClient, HttpMessageHandler or HttpRequestMessage outside ProxmoxHttpClient, CertificatePolicy, ServerServices and WireGuardHandler fails the build.");

        public static readonly DiagnosticDescriptor HttpMethodNotConstant = new DiagnosticDescriptor(
            "PMCP0013",
            "HTTP method not a reviewed constant",
            "{0} with anything but the constant \"GET\", \"POST\" or \"PUT\": a method chosen at run time could be DELETE",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "HttpMethod.Parse and new HttpMethod fail the build unless given the constant GET, POST or PUT.");
    }
}
