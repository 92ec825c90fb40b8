namespace ProxmoxMcp.Hosting;

/// <summary>
/// How many Streamable HTTP sessions may be open at once, in all and from one client address
/// (PROXMOX_MCP_HTTP_MAX_SESSIONS, PROXMOX_MCP_HTTP_MAX_SESSIONS_PER_CLIENT): each session holds a
/// server instance, so without a cap a stream of unauthenticated initialize requests grows memory
/// without end. A new session beyond a cap is refused (503 in all, 429 per client).
/// </summary>
public sealed record HttpSessionLimits(int MaxSessions = 100, int MaxPerClient = 50)
{
    public static HttpSessionLimits Default { get; } = new();
}
