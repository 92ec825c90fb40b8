using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// Start-up work done on a second core while the first reads the command line and the settings: the
/// tool registry is built, and a throw-away MCP server answers one <c>initialize</c> and one
/// <c>tools/list</c> over a transport that reaches nobody. The real server then finds the SDK's types
/// loaded, its JSON metadata cached and the registry made, which is most of what stood between the
/// start of <c>serve</c> and its first answers (see the README's performance section).
/// <para>
/// It reads no setting, builds no API client and sends nothing anywhere: the throw-away server has no
/// handlers of ours beyond the registry's tool list, and no tool is ever called on it. Should it fail,
/// the main path simply does the same work itself.
/// </para>
/// </summary>
internal static class StartupWarmUp
{
    /// <summary>Starts the warm-up for <c>serve</c> (stdio or HTTP); one-shot commands gain nothing from it.</summary>
    public static void BeginFor(string[] args)
    {
        if (Environment.ProcessorCount > 1 && Serves(args))
        {
            // A thread of its own rather than the thread pool, whose first workers are still being created.
            new Thread(static () => Run()) { IsBackground = true, Name = "start-up warm-up" }.Start();
        }
    }

    /// <summary>serve, or no command at all (serve is the default); not --help or --version.</summary>
    internal static bool Serves(IReadOnlyList<string> args)
    {
        string? command = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--help" or "-h" or "-?" or "--version")
            {
                return false;
            }
            if (args[i] is "--profile" or "--bind" or "--cert")
            {
                i++; // its value
            }
            else if (command is null && !args[i].StartsWith('-'))
            {
                command = args[i];
            }
        }
        return command is null or "serve";
    }

    private static void Run()
    {
        try
        {
            RunAsync().GetAwaiter().GetResult();
            StartupTrace.Mark("warm-up done");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Only time is lost: the main path loads and builds the same things when it needs them.
            StartupTrace.Mark("warm-up failed: " + exception.GetType().Name);
        }
    }

    private static async Task RunAsync()
    {
        var tools = McpServerFactory.Collection(ToolCatalog.All);
        StartupTrace.Mark("warm-up: registry built");
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = McpServerFactory.ServerName, Version = McpServerFactory.Version },
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
            ToolCollection = tools,
        };
        var transport = new ScriptedTransport(
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"warm-up","version":"0"}}}""",
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        await using var server = McpServer.Create(transport, options, NullLoggerFactory.Instance);
        try
        {
            await server.RunAsync(transport.Answered).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (transport.Answered.IsCancellationRequested)
        {
            // The session ends this way once tools/list is answered.
        }
    }

    /// <summary>
    /// Hands the server the given messages, serializes its answers as a transport would (and drops them),
    /// and ends the session once the last request is answered.
    /// </summary>
    private sealed class ScriptedTransport : ITransport
    {
        private readonly Channel<JsonRpcMessage> _incoming = Channel.CreateUnbounded<JsonRpcMessage>();
        private readonly CancellationTokenSource _answered = new();
        private readonly RequestId _last;

        public ScriptedTransport(params string[] messages)
        {
            foreach (var message in messages)
            {
                var parsed = JsonSerializer.Deserialize<JsonRpcMessage>(message, McpJsonUtilities.DefaultOptions)!;
                _incoming.Writer.TryWrite(parsed);
                if (parsed is JsonRpcRequest request)
                {
                    _last = request.Id;
                }
            }
        }

        /// <summary>Cancelled once the last request is answered: the end of the session.</summary>
        public CancellationToken Answered => _answered.Token;

        public string? SessionId => null;

        public ChannelReader<JsonRpcMessage> MessageReader => _incoming.Reader;

        public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
        {
            _ = JsonSerializer.SerializeToUtf8Bytes(message, McpJsonUtilities.DefaultOptions);
            if (message is JsonRpcResponse response && response.Id.Equals(_last))
            {
                _incoming.Writer.TryComplete();
                _answered.Cancel();
            }
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            _incoming.Writer.TryComplete();
            _answered.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
