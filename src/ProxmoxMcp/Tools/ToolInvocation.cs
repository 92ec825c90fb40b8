using System.Text.Json;
using ProxmoxMcp.Safety.Confirmation;

namespace ProxmoxMcp.Tools;

/// <summary>
/// One call of a tool, independent of the transport: the raw JSON arguments, the services the
/// tool class is resolved from, where progress goes, and the call's cancellation.
/// Both the MCP server and the <c>call</c> CLI command invoke tools through this.
/// </summary>
/// <param name="Arguments">The arguments as sent.</param>
/// <param name="Services">Where the tool class and the server's parts come from.</param>
/// <param name="Progress">Where progress goes.</param>
/// <param name="CancellationToken">The caller's cancellation.</param>
/// <param name="Origin">Who called, for the audit: session and client.</param>
/// <param name="Confirmer">How to ask the person for a yes; null when nobody can be asked (the CLI).</param>
public sealed record ToolInvocation(
    IReadOnlyDictionary<string, JsonElement>? Arguments,
    IServiceProvider Services,
    IToolProgress Progress,
    CancellationToken CancellationToken,
    CallOrigin? Origin = null,
    IConfirmationChannel? Confirmer = null);

/// <summary>The MCP session and client of a call (the CLI names itself).</summary>
public sealed record CallOrigin(string? Session, string? ClientName, string? ClientVersion, string? ProtocolVersion)
{
    public static CallOrigin CommandLine { get; } = new("cli", "proxmox-mcp call", null, null);
}
