using Microsoft.Extensions.Logging;
using ProxmoxMcp.Hosting;

namespace ProxmoxMcp.Cli;

/// <summary><c>proxmox-mcp serve</c>: the MCP server, over stdio (the default) or Streamable HTTP.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> settings, bool sandbox, bool http, string bind, TextWriter error, CancellationToken cancellationToken)
    {
        System.Net.IPEndPoint? endpoint = null;
        if (http && !HttpServerHost.TryParseBind(bind, out endpoint, out var problem))
        {
            await error.WriteLineAsync($"--bind '{bind}': {problem}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        await using var runtime = await ServerRuntime.CreateAsync(settings, sandbox, LogLevel.Information, cancellationToken).ConfigureAwait(false);
        if (endpoint is not null)
        {
            var token = settings.TryGetValue("PROXMOX_MCP_HTTP_TOKEN", out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
            await HttpServerHost.RunAsync(runtime, endpoint, token, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await StdioServerHost.RunAsync(runtime, cancellationToken).ConfigureAwait(false);
        }
        return ExitCodes.Ok;
    }
}
