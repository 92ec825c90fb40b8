namespace ProxmoxMcp.Api;

/// <summary>
/// Any failed Proxmox call: the HTTP status (0 when no answer came), the server's message, and its
/// per-parameter errors. <see cref="Exception.Message"/> is written for a person and an agent alike:
/// what failed and what to do about it.
/// </summary>
public sealed class ProxmoxApiException(int statusCode, string message, string serverMessage, IReadOnlyDictionary<string, string> parameterErrors, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The HTTP status, or 0 when the request got no answer (connection, TLS, timeout).</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The server's own message (body <c>message</c>, or the reason phrase on older servers).</summary>
    public string ServerMessage { get; } = serverMessage;

    /// <summary>Per-parameter errors of a 400 "Parameter verification failed.".</summary>
    public IReadOnlyDictionary<string, string> ParameterErrors { get; } = parameterErrors;
}
