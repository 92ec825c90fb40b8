using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Hosting;

/// <summary>Serves MCP over stdin/stdout, the way Claude Code, Claude Desktop and Cursor start servers.</summary>
public static class StdioServerHost
{
    public static async Task RunAsync(ServerRuntime runtime, CancellationToken cancellationToken)
    {
        var loggerFactory = runtime.Services.GetRequiredService<ILoggerFactory>();
        StartupTrace.Mark("stdio: logger");
        var options = McpServerFactory.CreateOptions(runtime);
        StartupTrace.Mark("stdio: options");
        await using var transport = new StdioServerTransport(options, loggerFactory);
        StartupTrace.Mark("stdio: transport");
        await using var server = McpServerFactory.Create(transport, options, loggerFactory, runtime.Services);
        StartupTrace.Mark("stdio server created");
        await server.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
