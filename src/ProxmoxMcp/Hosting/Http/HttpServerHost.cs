using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Hosting.Http;

/// <summary>
/// Serves MCP over HTTP on the SDK's own transport (<c>WithHttpTransport</c> + <c>MapMcp</c>):
/// Streamable HTTP at /mcp, with sessions for clients that start with <c>initialize</c> (2025-11-25 and
/// earlier) and per-request service for 2026-07-28 clients, and the legacy HTTP+SSE transport at /sse
/// for clients that know only that. This class adds what the SDK leaves to the application: loopback
/// by default and a bearer token beyond it, Host and Origin checks, and caps on live sessions.
/// </summary>
public sealed class HttpServerHost : IAsyncDisposable
{
    public const string SessionHeader = "Mcp-Session-Id";

    private const string ReservationKey = "ProxmoxMcp.SessionReservation";

    private readonly WebApplication _app;
    private readonly HttpSessionGate _gate;

    private HttpServerHost(WebApplication app, HttpSessionGate gate, Uri baseAddress)
    {
        _app = app;
        _gate = gate;
        Url = new UriBuilder(baseAddress) { Path = "/mcp" }.Uri;
        SseUrl = new UriBuilder(baseAddress) { Path = "/sse" }.Uri;
    }

    /// <summary>Open sessions, Streamable HTTP and SSE (tests and diagnostics).</summary>
    public int SessionCount => _gate.Count;

    /// <summary>The Streamable HTTP endpoint, http(s)://host:port/mcp.</summary>
    public Uri Url { get; }

    /// <summary>The legacy HTTP+SSE endpoint, http(s)://host:port/sse.</summary>
    public Uri SseUrl { get; }

    public static async Task<HttpServerHost> StartAsync(ServerRuntime runtime, HttpServeOptions options, CancellationToken cancellationToken)
    {
        var loggerFactory = runtime.Services.GetRequiredService<ILoggerFactory>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        // The SDK's handlers log where the server does: stderr, at the configured level.
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // No MCP message comes near this; a larger body is refused (413) before it is read.
            kestrel.Limits.MaxRequestBodySize = RequestAdmission.MaxBodyBytes;
            kestrel.Listen(options.Endpoint, listen =>
            {
                if (options.Certificate is { } certificate)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        if (options.Certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        var gate = new HttpSessionGate(options.Limits);
        var tools = McpServerFactory.ExposeTools(runtime);
        var perRequestTools = McpServerFactory.Collection(McpServerFactory.ExposeTools(runtime, perRequest: true));
        builder.Services
            .AddMcpServer(server =>
            {
                McpServerFactory.Configure(server, tools, runtime.Options, runtime.Services);
                McpServerFactory.WarmUpAfterToolsList(server, runtime);
            })
            .WithHttpTransport(transport =>
            {
                // Sessions for initialize clients (they carry elicitation and progress on their streams);
                // 2026-07-28 clients are served per request, as that revision has no sessions.
                transport.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
#pragma warning disable MCP9004, MCP9006 // Legacy SSE and stateful idle handling: this server serves older clients on purpose.
                transport.EnableLegacySse = true;
                transport.IdleTimeout = options.IdleTimeout;
                transport.MaxIdleSessionCount = options.Limits.MaxSessions;
#pragma warning restore MCP9004, MCP9006
                transport.ConfigureSessionOptions = (context, server, _) =>
                {
                    if (!MaySpanRequests(context.Request))
                    {
                        server.ToolCollection = perRequestTools;
                    }
                    return Task.CompletedTask;
                };
#pragma warning disable MCPEXP002 // RunSessionHandler: the one place that sees every session start and end.
                transport.RunSessionHandler = (context, server, token) => RunSessionAsync(runtime, context, server, token);
#pragma warning restore MCPEXP002
            });

        var app = builder.Build();
        // /sse and /message are where SSE clients look; the SDK serves them under the MCP route.
        app.Use((context, next) =>
        {
            if (context.Request.Path == "/sse" || context.Request.Path == "/message")
            {
                context.Request.Path = "/mcp" + context.Request.Path;
            }
            return next(context);
        });
        app.Use(new RequestAdmission(options).InvokeAsync);
        app.Use((context, next) => LimitSessionsAsync(gate, context, next));
        app.UseRouting();
        app.MapMcp("/mcp");

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var host = new HttpServerHost(app, gate, address);
        var logger = loggerFactory.CreateLogger<HttpServerHost>();
        logger.LogInformation("Serving MCP over Streamable HTTP at {Url}", host.Url);
        logger.LogInformation("Serving MCP over HTTP+SSE (legacy clients) at {SseUrl}", host.SseUrl);
        return host;
    }

    /// <summary>Serves until cancelled (SIGTERM, Ctrl+C), then ends every session.</summary>
    public static async Task RunAsync(ServerRuntime runtime, HttpServeOptions options, CancellationToken cancellationToken)
    {
        await using var host = await StartAsync(runtime, options, cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A request that can start a session (a POST without a session of a revision that has sessions, or
    /// a GET of the SSE stream), or that holds a stream open like one (a 2026-07-28 subscriptions/listen),
    /// first reserves a place under the caps; refused beyond them. A listen stream holds its place until it ends.
    /// </summary>
    private static async Task LimitSessionsAsync(HttpSessionGate gate, HttpContext context, RequestDelegate next)
    {
        if (!MayStartSession(context.Request))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "?";
        var reservation = gate.TryReserve(client, out var refusal);
        if (reservation is null)
        {
            context.Response.Headers.RetryAfter = "30";
            await RequestAdmission.RefuseAsync(context, refusal.Status, refusal.Message).ConfigureAwait(false);
            return;
        }
        context.Items[ReservationKey] = reservation;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            reservation.ReleaseUnclaimed();
        }
    }

    private static bool MayStartSession(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return request.Path == "/mcp/sse";
        }
        if (!HttpMethods.IsPost(request.Method) || request.Path != "/mcp" || !string.IsNullOrEmpty(request.Headers[SessionHeader]))
        {
            return false;
        }
        // The SDK holds the Mcp-Method header of a 2026-07-28 request to the method in its body.
        return MaySpanRequests(request) || request.Headers["Mcp-Method"] == "subscriptions/listen";
    }

    /// <summary>2026-07-28 and later revisions have no sessions: each request is served on its own and ends with it.</summary>
    private static bool MaySpanRequests(HttpRequest request)
    {
        var version = request.Headers["MCP-Protocol-Version"].ToString();
        return string.IsNullOrEmpty(version) || string.CompareOrdinal(version, "2026-07-28") < 0;
    }

    /// <summary>
    /// Runs one server the SDK created: a session holds its reserved place until it ends, and its resource
    /// subscriptions end with it (the SDK drops notifications to an ended session without a word).
    /// </summary>
    private static async Task RunSessionAsync(ServerRuntime runtime, HttpContext context, McpServer server, CancellationToken cancellationToken)
    {
        var reservation = string.IsNullOrEmpty(server.SessionId) ? null : context.Items[ReservationKey] as HttpSessionGate.Reservation;
        if (reservation is not null && !reservation.Claim())
        {
            reservation = null;
        }
        try
        {
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            reservation?.Release();
            if (!string.IsNullOrEmpty(server.SessionId))
            {
                runtime.Services.GetService<ProxmoxMcp.Hosting.ResourceSubscriptions>()?.EndSession(server.SessionId);
            }
        }
    }
}
