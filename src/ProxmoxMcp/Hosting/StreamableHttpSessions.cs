using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// The Streamable HTTP sessions of one server: each is an SDK <see cref="StreamableHttpServerTransport"/>
/// with its own <see cref="McpServer"/> running on it, found by the Mcp-Session-Id header.
/// </summary>
internal sealed class StreamableHttpSessions(ServerRuntime runtime, ILoggerFactory loggerFactory, TimeProvider time, HttpSessionLimits limits) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _starting = new();

    public int Count => _sessions.Count;

    /// <summary>Ends the sessions nobody has used for <paramref name="idle"/>: clients that vanish without DELETE must not pile up.</summary>
    public async Task<int> EndIdleAsync(TimeSpan idle)
    {
        var cutoff = time.GetUtcNow() - idle;
        var ended = 0;
        foreach (var session in _sessions.Values.Where(s => s.LastUsed < cutoff && s.ActiveRequests == 0).ToList())
        {
            if (await EndAsync(session.Id).ConfigureAwait(false))
            {
                ended++;
            }
        }
        return ended;
    }

    /// <summary>Why a new session for this client may not start now (the caps), or null.</summary>
    public (int Status, string Message)? Refusal(string client)
    {
        if (_sessions.Count >= limits.MaxSessions)
        {
            return (503, $"Service Unavailable: {limits.MaxSessions} MCP sessions are open, the most PROXMOX_MCP_HTTP_MAX_SESSIONS allows; end one (DELETE) or try again later.");
        }
        var mine = _sessions.Values.Count(s => s.Client == client);
        return mine >= limits.MaxPerClient
            ? (429, $"Too Many Requests: this client has {mine} MCP sessions open, the most PROXMOX_MCP_HTTP_MAX_SESSIONS_PER_CLIENT allows; end one (DELETE) first.")
            : null;
    }

    /// <summary>A new session for this client, or null when a cap was reached meanwhile.</summary>
    public Session? TryStart(string client)
    {
        lock (_starting)
        {
            if (Refusal(client) is not null)
            {
                return null;
            }
            var session = Start();
            session.Client = client;
            return session;
        }
    }

    private Session Start()
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var transport = new StreamableHttpServerTransport(loggerFactory) { SessionId = id };
        var server = McpServerFactory.Create(transport, McpServerFactory.CreateOptions(runtime.Tools, runtime.Options), loggerFactory, runtime.Services);
        var session = new Session(id, transport, server) { LastUsed = time.GetUtcNow() };
        session.Run = server.RunAsync(session.Stopping.Token);
        _sessions[id] = session;
        return session;
    }

    public Session? Find(string? id)
    {
        if (id is null || !_sessions.TryGetValue(id, out var session))
        {
            return null;
        }
        session.LastUsed = time.GetUtcNow();
        return session;
    }

    public async ValueTask<bool> EndAsync(string? id)
    {
        if (id is null || !_sessions.TryRemove(id, out var session))
        {
            return false;
        }
        runtime.Services.GetService<ResourceSubscriptions>()?.EndSession(id);
        await session.DisposeAsync().ConfigureAwait(false);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _sessions.Keys.ToList())
        {
            await EndAsync(id).ConfigureAwait(false);
        }
    }

    /// <summary>One client session: its transport, its server, and the server's run.</summary>
    internal sealed class Session(string id, StreamableHttpServerTransport transport, McpServer server) : IAsyncDisposable
    {
        public string Id { get; } = id;

        public StreamableHttpServerTransport Transport { get; } = transport;

        public CancellationTokenSource Stopping { get; } = new();

        public Task Run { get; set; } = Task.CompletedTask;

        public DateTimeOffset LastUsed { get; set; }

        /// <summary>The remote address that opened the session, for the per-client cap.</summary>
        public string Client { get; set; } = string.Empty;

        private int _activeRequests;

        /// <summary>Requests (or a GET stream) in progress: a session in use is never idle.</summary>
        public int ActiveRequests => Volatile.Read(ref _activeRequests);

        public IDisposable Use()
        {
            Interlocked.Increment(ref _activeRequests);
            return new Release(this);
        }

        private sealed class Release(Session session) : IDisposable
        {
            public void Dispose() => Interlocked.Decrement(ref session._activeRequests);
        }

        public async ValueTask DisposeAsync()
        {
            await Stopping.CancelAsync().ConfigureAwait(false);
            try
            {
                await Run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            await server.DisposeAsync().ConfigureAwait(false);
            await Transport.DisposeAsync().ConfigureAwait(false);
            Stopping.Dispose();
        }
    }
}
