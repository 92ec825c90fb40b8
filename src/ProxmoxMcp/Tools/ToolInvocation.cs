using System.Text.Json;

namespace ProxmoxMcp.Tools;

/// <summary>
/// One call of a tool, independent of the transport: the raw JSON arguments, the services the
/// tool class is resolved from, where progress goes, and the call's cancellation.
/// Both the MCP server and the <c>call</c> CLI command invoke tools through this.
/// </summary>
public sealed record ToolInvocation(
    IReadOnlyDictionary<string, JsonElement>? Arguments,
    IServiceProvider Services,
    IToolProgress Progress,
    CancellationToken CancellationToken);
