using Microsoft.Extensions.Logging;

namespace ProxmoxMcp.Safety;

/// <summary>
/// The last layer: on every HttpClient the server builds, refuses any request whose method is not
/// GET, POST or PUT (DELETE above all), whatever code built the request. Nothing leaves the process.
/// </summary>
public sealed class WireGuardHandler(ILogger<WireGuardHandler> logger) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.Method;
        if (method != HttpMethod.Get && method != HttpMethod.Post && method != HttpMethod.Put)
        {
            var reason = $"{method.Method} {request.RequestUri?.AbsolutePath} refused on the wire: this server never sends {method.Method}; deletion stays a human-only action.";
            logger.LogWarning("{Reason}", reason);
            throw new SafetyRefusedException(reason);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
