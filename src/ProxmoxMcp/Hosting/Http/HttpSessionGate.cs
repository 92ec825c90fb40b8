namespace ProxmoxMcp.Hosting.Http;

/// <summary>
/// Counts the live MCP sessions per client address and refuses a new one beyond the caps. Each
/// session holds a server instance, so without a cap a stream of unauthenticated initialize requests
/// grows memory without end. A request that may start a session reserves a place first (so two at
/// once cannot both take the last one); the SDK's session run claims it, and gives it back when the
/// session ends; a request that started no session gives its place back when it is answered.
/// </summary>
public sealed class HttpSessionGate(HttpSessionLimits limits)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>Live sessions and places reserved by requests in progress.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>A place for a new session from this client, or the refusal (status and message).</summary>
    public Reservation? TryReserve(string client, out (int Status, string Message) refusal)
    {
        lock (_lock)
        {
            if (_total >= limits.MaxSessions)
            {
                refusal = (503, $"Service Unavailable: {limits.MaxSessions} MCP sessions are open, the most PROXMOX_MCP_HTTP_MAX_SESSIONS allows; end one (DELETE) or try again later.");
                return null;
            }
            var mine = _perClient.GetValueOrDefault(client);
            if (mine >= limits.MaxPerClient)
            {
                refusal = (429, $"Too Many Requests: this client has {mine} MCP sessions open, the most PROXMOX_MCP_HTTP_MAX_SESSIONS_PER_CLIENT allows; end one (DELETE) first.");
                return null;
            }
            _perClient[client] = mine + 1;
            _total++;
            refusal = default;
            return new Reservation(this, client);
        }
    }

    private void Release(string client)
    {
        lock (_lock)
        {
            _total--;
            if (--_perClient[client] == 0)
            {
                _perClient.Remove(client);
            }
        }
    }

    /// <summary>A place held for one session; released exactly once, by the session's end or by the request that held it.</summary>
    public sealed class Reservation(HttpSessionGate gate, string client)
    {
        private int _claimed;
        private int _released;

        /// <summary>The session started: it holds the place until it ends. False when already claimed.</summary>
        public bool Claim() => Interlocked.Exchange(ref _claimed, 1) == 0;

        /// <summary>The request ended without starting a session.</summary>
        public void ReleaseUnclaimed()
        {
            // Closing the claim too: a session cannot take a place its request already gave back.
            if (Interlocked.Exchange(ref _claimed, 1) == 0)
            {
                Release();
            }
        }

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release(client);
            }
        }
    }
}
