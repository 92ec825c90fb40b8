using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Hosting.Http;

namespace ProxmoxMcp.Tests.Server;

/// <summary>serve --http: the SDK's own HTTP client against the Streamable HTTP endpoint, and the endpoint's refusals.</summary>
public sealed class HttpTransportTests : IAsyncLifetime
{
    private ServerRuntime _runtime = null!;

    public async ValueTask InitializeAsync() =>
        _runtime = await ServerRuntime.CreateAsync(new Dictionary<string, string> { ["PROXMOX_SANDBOX_TASK_SECONDS"] = "1" }, useSandbox: true, LogLevel.Warning, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _runtime.DisposeAsync();

    private static readonly IPEndPoint Loopback = new(IPAddress.Loopback, 0);

    private Task<HttpServerHost> StartAsync(HttpSessionLimits? limits = null) =>
        HttpServerHost.StartAsync(_runtime, new HttpServeOptions(Loopback) { Limits = limits ?? HttpSessionLimits.Default }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task The_sdk_client_lists_and_calls_tools_with_progress_over_http()
    {
        await using var host = await StartAsync();
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
    public async Task Legacy_sse_clients_list_and_call_tools_and_hold_a_session_while_connected()
    {
        await using var host = await StartAsync();
        host.SseUrl.AbsolutePath.ShouldBe("/sse");
        await using (var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = host.SseUrl, TransportMode = HttpTransportMode.Sse }),
            cancellationToken: TestContext.Current.CancellationToken))
        {
            (await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Count.ShouldBe(ToolCatalog.Exposed(_runtime.Options).Count);
            var nodes = await client.CallToolAsync("list_nodes", cancellationToken: TestContext.Current.CancellationToken);
            nodes.StructuredContent!.Value.GetProperty("nodes").GetArrayLength().ShouldBe(3);
            host.SessionCount.ShouldBe(1);
        }

        for (var i = 0; i < 100 && host.SessionCount > 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        host.SessionCount.ShouldBe(0);
    }

    [Fact]
    public async Task The_sse_stream_counts_toward_the_session_caps()
    {
        await using var host = await StartAsync(new HttpSessionLimits(MaxSessions: 5, MaxPerClient: 1));
        await using var first = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = host.SseUrl, TransportMode = HttpTransportMode.Sse }),
            cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        using var second = new HttpRequestMessage(HttpMethod.Get, host.SseUrl);
        second.Headers.Accept.ParseAdd("text/event-stream");

        var refused = await http.SendAsync(second, TestContext.Current.CancellationToken);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await Post(http, host.Url, Initialize)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await first.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_2026_07_28_client_is_served_per_request_without_a_session()
    {
        await using var host = await StartAsync(new HttpSessionLimits(MaxSessions: 1, MaxPerClient: 1));
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = host.Url, TransportMode = HttpTransportMode.StreamableHttp }),
            new McpClientOptions { ProtocolVersion = "2026-07-28" }, cancellationToken: TestContext.Current.CancellationToken);

        (await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Count.ShouldBe(ToolCatalog.Exposed(_runtime.Options).Count);
        var started = await client.CallToolAsync("start_vm", new Dictionary<string, object?> { ["vmid"] = 102 }, cancellationToken: TestContext.Current.CancellationToken);

        started.IsError.ShouldNotBe(true, started.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().FirstOrDefault()?.Text);
        client.NegotiatedProtocolVersion.ShouldBe("2026-07-28");
        client.SessionId.ShouldBeNull();
        host.SessionCount.ShouldBe(0);
        // With the one session place free, an initialize client still gets it.
        await using var older = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = host.Url, TransportMode = HttpTransportMode.StreamableHttp }),
            new McpClientOptions { ProtocolVersion = "2025-11-25" }, cancellationToken: TestContext.Current.CancellationToken);
        older.SessionId.ShouldNotBeNull();
        host.SessionCount.ShouldBe(1);
    }

    [Fact]
    public async Task Listen_streams_of_2026_07_28_clients_hold_places_under_the_caps()
    {
        await using var host = await StartAsync(new HttpSessionLimits(MaxSessions: 10, MaxPerClient: 2));
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = host.Url, TransportMode = HttpTransportMode.StreamableHttp }),
            new McpClientOptions { ProtocolVersion = "2026-07-28" }, cancellationToken: TestContext.Current.CancellationToken);
        var acknowledged = 0;
        await using var ack = client.RegisterNotificationHandler(ModelContextProtocol.Protocol.NotificationMethods.SubscriptionsAcknowledgedNotification, (_, _) =>
        {
            Interlocked.Increment(ref acknowledged);
            return ValueTask.CompletedTask;
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Task<ModelContextProtocol.Protocol.JsonRpcResponse> Listen(string id) => client.SendRequestAsync(new ModelContextProtocol.Protocol.JsonRpcRequest
        {
            Id = new ModelContextProtocol.Protocol.RequestId(id),
            Method = ModelContextProtocol.Protocol.RequestMethods.SubscriptionsListen,
            Params = new System.Text.Json.Nodes.JsonObject { ["notifications"] = new System.Text.Json.Nodes.JsonObject { ["resourceSubscriptions"] = new System.Text.Json.Nodes.JsonArray("proxmox://cluster/tasks") } },
        }, stop.Token);

        var open = new[] { Listen("listen-1"), Listen("listen-2") };
        for (var i = 0; i < 100 && Volatile.Read(ref acknowledged) < 2; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        acknowledged.ShouldBe(2);
        host.SessionCount.ShouldBe(2);
        await Should.ThrowAsync<Exception>(Listen("listen-3"));
        (await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).ShouldNotBeEmpty();
        await stop.CancelAsync();
        foreach (var stream in open)
        {
            await Should.ThrowAsync<OperationCanceledException>(stream);
        }
        for (var i = 0; i < 100 && host.SessionCount > 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        host.SessionCount.ShouldBe(0);
    }

    [Fact]
    public async Task Unauthenticated_initialize_floods_stop_at_the_session_caps()
    {
        await using var host = await StartAsync(new HttpSessionLimits(MaxSessions: 8, MaxPerClient: 5));
        using var http = new HttpClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await Post(http, host.Url, Initialize)).StatusCode);
        }

        statuses.Take(5).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        host.SessionCount.ShouldBe(5);
        var refused = await Post(http, host.Url, Initialize);
        (await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("PROXMOX_MCP_HTTP_MAX_SESSIONS_PER_CLIENT");

        await using var small = await StartAsync(new HttpSessionLimits(MaxSessions: 3, MaxPerClient: 3));
        for (var i = 0; i < 3; i++)
        {
            (await Post(http, small.Url, Initialize)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await Post(http, small.Url, Initialize)).StatusCode.ShouldBeOneOf(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests);
        small.SessionCount.ShouldBe(3);
    }

    [Fact]
    public async Task Refusals_of_the_endpoint()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient();

        (await Post(http, host.Url, Initialize, accept: "application/json")).StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
        (await Post(http, host.Url, Initialize, origin: "https://evil.example")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Post(http, host.Url, Initialize, origin: "file://")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Post(http, host.Url, Initialize, origin: "file:///home/user/page.html")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Post(http, host.Url, Initialize, origin: "null")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Post(http, host.Url, Initialize, origin: "chrome-extension://abcdef")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Post(http, host.Url, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Post(http, host.Url, "not json")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Post(http, host.Url, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", session: "no-such-session")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync(new Uri(host.Url, "/other"), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var started = await Post(http, host.Url, Initialize, origin: "http://localhost:3000");
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
        await using var host = await HttpServerHost.StartAsync(_runtime, new HttpServeOptions(Loopback) { IdleTimeout = TimeSpan.FromMilliseconds(300) }, TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        var started = await Post(http, host.Url, Initialize);
        var session = started.Headers.GetValues(HttpServerHost.SessionHeader).Single();
        host.SessionCount.ShouldBe(1);

        // The SDK looks for idle sessions every 5 seconds.
        for (var i = 0; i < 400 && host.SessionCount > 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        host.SessionCount.ShouldBe(0);
        (await Post(http, host.Url, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", session: session)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bearer_token_is_required_when_set_and_beyond_loopback()
    {
        Should.Throw<ConfigurationException>(() => HttpServeOptions.Load(new Dictionary<string, string>(), new IPEndPoint(IPAddress.Any, 0), null))
            .Message.ShouldContain("PROXMOX_MCP_HTTP_TOKEN");

        await using var host = await HttpServerHost.StartAsync(_runtime, new HttpServeOptions(Loopback) { BearerToken = "s3cret-token" }, TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        (await Post(http, host.Url, Initialize)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = host.Url,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer s3cret-token" },
        }), cancellationToken: TestContext.Current.CancellationToken);
        (await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).ShouldNotBeEmpty();
    }

    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

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
