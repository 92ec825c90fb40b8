using System.Text.RegularExpressions;

namespace ProxmoxMcp.Sandbox;

/// <summary>
/// What to do to requests whose path matches a rule: fail them with a status, drop the connection, or
/// answer with a raw body (an HTML error page from a proxy, JSON that is cut off, a huge answer) or a redirect.
/// </summary>
public sealed record FaultRule(Regex Path, string? Method, int Status, string Message, bool DropConnection, int RemainingHits)
{
    /// <summary>Sent as is instead of the API's JSON error.</summary>
    public string? RawBody { get; init; }

    public string ContentType { get; init; } = "text/html";

    /// <summary>A Location header (with a 3xx status): a redirect.</summary>
    public string? Location { get; init; }
}
