using Microsoft.Extensions.Logging;
using ProxmoxMcp.Hosting;

namespace ProxmoxMcp.Cli;

/// <summary><c>proxmox-mcp serve</c>: the MCP server over stdio.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> settings, bool sandbox, CancellationToken cancellationToken)
    {
        await using var runtime = await ServerRuntime.CreateAsync(settings, sandbox, LogLevel.Information, cancellationToken).ConfigureAwait(false);
        await StdioServerHost.RunAsync(runtime, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
