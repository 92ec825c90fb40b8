using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ProxmoxMcp.Sandbox;

namespace ProxmoxMcp.Sandbox.Tests;

/// <summary>A raw HTTPS client for the sandbox, pinned to its certificate, speaking the API as curl would.</summary>
public sealed class SandboxClient(SandboxServer server) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(certificate.GetRawCertData())) == server.CertificateFingerprint },
    });

    public SandboxToken Token { get; set; } = server.Tokens.Full;

    public Task<Answer> GetAsync(string path, string? query = null) => SendAsync(HttpMethod.Get, path + (query is null ? string.Empty : "?" + query), null);

    public Task<Answer> PostAsync(string path, params (string Key, string Value)[] form) => SendAsync(HttpMethod.Post, path, form);

    public Task<Answer> PutAsync(string path, params (string Key, string Value)[] form) => SendAsync(HttpMethod.Put, path, form);

    public Task<Answer> DeleteAsync(string path, string? query = null) => SendAsync(new HttpMethod("DELETE"), path + (query is null ? string.Empty : "?" + query), null);

    public async Task<Answer> SendAsync(HttpMethod method, string path, (string Key, string Value)[]? form, string? authorization = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(server.BaseUrl, path.TrimStart('/')));
        request.Headers.TryAddWithoutValidation("Authorization", authorization ?? Token.HeaderValue);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        }
        if (content is not null)
        {
            request.Content = content;
        }
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Answer(response.StatusCode, response.ReasonPhrase ?? string.Empty, body);
    }

    /// <summary>Polls a task until it stops and returns its exit status.</summary>
    public async Task<string> WaitAsync(string upid)
    {
        var node = upid.Split(':')[1];
        for (var i = 0; i < 200; i++)
        {
            var status = await GetAsync($"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/status");
            status.Status.ShouldBe(HttpStatusCode.OK, status.Body);
            if (status.Data.GetProperty("status").GetString() == "stopped")
            {
                return status.Data.GetProperty("exitstatus").GetString()!;
            }
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"task {upid} did not stop");
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>One answer: status, reason phrase and body, with the envelope's parts.</summary>
public sealed record Answer(HttpStatusCode Status, string Reason, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public JsonElement Data => Json.GetProperty("data");

    public string Message => Json.GetProperty("message").GetString()!;

    public JsonElement Errors => Json.GetProperty("errors");

    public string Upid => Data.GetString()!;
}
