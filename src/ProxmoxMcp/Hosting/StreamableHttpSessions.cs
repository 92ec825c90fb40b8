using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// The Streamable HTTP sessions of one server: each is an SDK <see cref="StreamableHttpServerTransport"/>
/// with its own <see cref="McpServer"/> running on it, found by the Mcp-Session-Id header.
/// </summary>
internal sealed class StreamableHttpSessions(ServerRuntime runtime, ILoggerFactory loggerFactory, TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

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

    public Session Start()
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var transport = new StreamableHttpServerTransport(loggerFactory) { SessionId = id };
        var server = McpServerFactory.Create(transport, McpServerFactory.CreateOptions(runtime.Tools), loggerFactory, runtime.Services);
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
