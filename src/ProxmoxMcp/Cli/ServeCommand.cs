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
        HttpSessionLimits? limits = null;
        if (http)
        {
            var total = Limit(settings, "PROXMOX_MCP_HTTP_MAX_SESSIONS", HttpSessionLimits.Default.MaxSessions, out var totalProblem);
            var perClient = Limit(settings, "PROXMOX_MCP_HTTP_MAX_SESSIONS_PER_CLIENT", HttpSessionLimits.Default.MaxPerClient, out var clientProblem);
            if ((totalProblem ?? clientProblem) is { } limitProblem)
            {
                await error.WriteLineAsync(limitProblem).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            limits = new HttpSessionLimits(total, Math.Min(perClient, total));
        }
        try
        {
            await using var runtime = await ServerRuntime.CreateAsync(settings, sandbox, LogLevel.Information, cancellationToken).ConfigureAwait(false);
            if (endpoint is not null)
            {
                var token = settings.TryGetValue("PROXMOX_MCP_HTTP_TOKEN", out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
                await HttpServerHost.RunAsync(runtime, endpoint, token, limits!, cancellationToken).ConfigureAwait(false);
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
        return ExitCodes.Ok;
    }

    private static int Limit(IReadOnlyDictionary<string, string> settings, string name, int defaultValue, out string? problem)
    {
        problem = null;
        if (!settings.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }
        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 100_000)
        {
            return value;
        }
        problem = $"{name} '{text}' must be a whole number from 1 to 100000";
        return defaultValue;
    }
}
