using Microsoft.Extensions.Logging;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Hosting.Http;

namespace ProxmoxMcp.Cli;

/// <summary><c>proxmox-mcp serve</c>: the MCP server, over stdio (the default) or HTTP.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> settings, bool sandbox, bool http, string bind, string? certificate, TextWriter error, CancellationToken cancellationToken)
    {
        if (!http && certificate is not null)
        {
            await error.WriteLineAsync("--cert: only serve --http serves HTTPS; stdio needs no certificate").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        HttpServeOptions? httpOptions = null;
        if (http)
        {
            if (!HttpServeOptions.TryParseBind(bind, out var endpoint, out var problem))
            {
                await error.WriteLineAsync($"--bind '{bind}': {problem}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            try
            {
                httpOptions = HttpServeOptions.Load(settings, endpoint!, certificate);
            }
            catch (ConfigurationException exception)
            {
                foreach (var line in exception.Problems)
                {
                    await error.WriteLineAsync(line).ConfigureAwait(false);
                }
                return ExitCodes.Usage;
            }
        }
        try
        {
            await using var runtime = await ServerRuntime.CreateAsync(settings, sandbox, LogLevel.Information, cancellationToken).ConfigureAwait(false);
            if (httpOptions is not null)
            {
                await HttpServerHost.RunAsync(runtime, httpOptions, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await StdioServerHost.RunAsync(runtime, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop (SIGTERM, Ctrl+C, stdin closed): in-flight calls were cancelled and everything disposed.
        }
        finally
        {
            httpOptions?.Certificate?.Dispose();
        }
        return ExitCodes.Ok;
    }
}
