using System.Net;

namespace ProxmoxMcp.Tests;

/// <summary>The innermost handler of a test HttpClient: records every request that would reach the wire.</summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    private readonly List<string> _requests = [];

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add($"{request.Method} {request.RequestUri?.AbsolutePath}");
        }
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"data":"UPID:pve1:00001000:00001000:6740A000:qmstart:100:root@pam:"}""") });
    }
}
