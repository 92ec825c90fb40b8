using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Hosting;

namespace ProxmoxMcp.Tests.Server;

/// <summary>serve --http: the SDK's own HTTP client against the Streamable HTTP endpoint, and the endpoint's refusals.</summary>
public sealed class HttpTransportTests : IAsyncLifetime
{
    private ServerRuntime _runtime = null!;

    public async ValueTask InitializeAsync() =>
        _runtime = await ServerRuntime.CreateAsync(new Dictionary<string, string> { ["PROXMOX_SANDBOX_TASK_SECONDS"] = "1" }, useSandbox: true, LogLevel.Warning, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _runtime.DisposeAsync();

    [Fact]
    public async Task The_sdk_client_lists_and_calls_tools_with_progress_over_http()
    {
        await using var host = await HttpServerHost.StartAsync(_runtime, new IPEndPoint(IPAddress.Loopback, 0), null, TestContext.Current.CancellationToken);
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = host.Url, TransportMode = HttpTransportMode.StreamableHttp }),
            cancellationToken: TestContext.Current.CancellationToken);

        var tools = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        tools.Count.ShouldBe(ToolCatalog.Exposed(_runtime.Options).Count);
        var nodes = await client.CallToolAsync("list_nodes", cancellationToken: TestContext.Current.CancellationToken);
        nodes.StructuredContent!.Value.GetProperty("nodes").GetArrayLength().ShouldBe(3);

        var progress = new List<ModelContextProtocol.ProgressNotificationValue>();
        var started = await client.CallToolAsync("start_vm", new Dictionary<string, object?> { ["vmid"] = 102 },
            new SynchronousProgress(value => { lock (progress) { progress.Add(value); } }), cancellationToken: TestContext.Current.CancellationToken);
        started.IsError.ShouldNotBe(true);
        lock (progress)
        {
            progress.ShouldNotBeEmpty();
        }
    }

    [Fact]
    public async Task Unauthenticated_initialize_floods_stop_at_the_session_caps()
    {
        await using var host = await HttpServerHost.StartAsync(_runtime, new IPEndPoint(IPAddress.Loopback, 0), null, TestContext.Current.CancellationToken,
            limits: new HttpSessionLimits(MaxSessions: 8, MaxPerClient: 5));
        using var http = new HttpClient();
        const string initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await Post(http, host.Url, initialize)).StatusCode);
        }

        statuses.Take(5).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        host.SessionCount.ShouldBe(5);
        var refused = await Post(http, host.Url, initialize);
        (await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("PROXMOX_MCP_HTTP_MAX_SESSIONS_PER_CLIENT");

        await using var small = await HttpServerHost.StartAsync(_runtime, new IPEndPoint(IPAddress.Loopback, 0), null, TestContext.Current.CancellationToken,
            limits: new HttpSessionLimits(MaxSessions: 3, MaxPerClient: 3));
        for (var i = 0; i < 3; i++)
        {
            (await Post(http, small.Url, initialize)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await Post(http, small.Url, initialize)).StatusCode.ShouldBeOneOf(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests);
        small.SessionCount.ShouldBe(3);
    }

    [Fact]
    public async Task Refusals_of_the_endpoint()
    {
        await using var host = await HttpServerHost.StartAsync(_runtime, new IPEndPoint(IPAddress.Loopback, 0), null, TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        const string initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

        (await Post(http, host.Url, initialize, accept: "application/json")).StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
        (await Post(http, host.Url, initialize, origin: "https://evil.example")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Post(http, host.Url, initialize, origin: "file://")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Post(http, host.Url, initialize, origin: "file:///home/user/page.html")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Post(http, host.Url, initialize, origin: "null")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Post(http, host.Url, initialize, origin: "chrome-extension://abcdef")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Post(http, host.Url, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Post(http, host.Url, "not json")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Post(http, host.Url, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", session: "no-such-session")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync(new Uri(host.Url, "/other"), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var started = await Post(http, host.Url, initialize, origin: "http://localhost:3000");
        started.StatusCode.ShouldBe(HttpStatusCode.OK);
        var session = started.Headers.GetValues(HttpServerHost.SessionHeader).Single();
        using var end = new HttpRequestMessage(new HttpMethod("DELETE"), host.Url);
        end.Headers.Add(HttpServerHost.SessionHeader, session);
        (await http.SendAsync(end, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Post(http, host.Url, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", session: session)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Sessions_left_idle_are_ended()
    {
        await using var host = await HttpServerHost.StartAsync(_runtime, new IPEndPoint(IPAddress.Loopback, 0), null, TestContext.Current.CancellationToken, idleTimeout: TimeSpan.FromMilliseconds(300));
        using var http = new HttpClient();
        var started = await Post(http, host.Url, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        var session = started.Headers.GetValues(HttpServerHost.SessionHeader).Single();
        host.SessionCount.ShouldBe(1);

        for (var i = 0; i < 100 && host.SessionCount > 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        host.SessionCount.ShouldBe(0);
        (await Post(http, host.Url, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", session: session)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bearer_token_is_required_when_set_and_beyond_loopback()
    {
        await Should.ThrowAsync<ConfigurationException>(HttpServerHost.StartAsync(_runtime, new IPEndPoint(IPAddress.Any, 0), null, TestContext.Current.CancellationToken));

        await using var host = await HttpServerHost.StartAsync(_runtime, new IPEndPoint(IPAddress.Loopback, 0), "s3cret-token", TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        const string initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";
        (await Post(http, host.Url, initialize)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = host.Url,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer s3cret-token" },
        }), cancellationToken: TestContext.Current.CancellationToken);
        (await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).ShouldNotBeEmpty();
    }

    private static async Task<HttpResponseMessage> Post(HttpClient http, Uri url, string body, string accept = "application/json, text/event-stream", string? origin = null, string? session = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
        if (session is not null)
        {
            request.Headers.Add(HttpServerHost.SessionHeader, session);
        }
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private sealed class SynchronousProgress(Action<ModelContextProtocol.ProgressNotificationValue> report) : IProgress<ModelContextProtocol.ProgressNotificationValue>
    {
        public void Report(ModelContextProtocol.ProgressNotificationValue value) => report(value);
    }
}
