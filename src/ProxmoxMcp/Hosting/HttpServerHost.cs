using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// Serves MCP over Streamable HTTP on one endpoint, /mcp: POST carries client messages (answers come
/// back as a short SSE stream), GET opens the server-to-client stream, DELETE ends the session.
/// Sessions are named by the Mcp-Session-Id header. Loopback by default; binding elsewhere requires
/// a bearer token (PROXMOX_MCP_HTTP_TOKEN), since whoever reaches the endpoint drives the cluster.
/// Browser requests from other origins are refused (DNS rebinding).
/// </summary>
public sealed class HttpServerHost : IAsyncDisposable
{
    public const string SessionHeader = "Mcp-Session-Id";

    /// <summary>The largest request body accepted.</summary>
    public const long MaxBodyBytes = 4 * 1024 * 1024;
    /// <summary>Sessions unused this long are ended.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromHours(2);

    private readonly WebApplication _app;
    private readonly StreamableHttpSessions _sessions;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _reaper;

    private HttpServerHost(WebApplication app, StreamableHttpSessions sessions, Uri url, TimeSpan idleTimeout)
    {
        _app = app;
        _sessions = sessions;
        Url = url;
        _reaper = ReapIdleSessionsAsync(idleTimeout);
    }

    /// <summary>Open sessions (tests and diagnostics).</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>http://host:port/mcp</summary>
    public Uri Url { get; }

    public static bool TryParseBind(string bind, out IPEndPoint? endpoint, out string? problem)
    {
        endpoint = null;
        problem = null;
        if (!IPEndPoint.TryParse(bind, out var parsed) || parsed.Port is < 0 or > 65535 || !bind.Contains(':', StringComparison.Ordinal))
        {
            problem = "expected ADDRESS:PORT, e.g. 127.0.0.1:8765 (port 0 picks a free one)";
            return false;
        }
        endpoint = parsed;
        return true;
    }

    public static async Task<HttpServerHost> StartAsync(ServerRuntime runtime, IPEndPoint endpoint, string? bearerToken, CancellationToken cancellationToken, TimeSpan? idleTimeout = null, HttpSessionLimits? limits = null)
    {
        if (!IPAddress.IsLoopback(endpoint.Address) && string.IsNullOrEmpty(bearerToken))
        {
            throw new Configuration.ConfigurationException([$"--bind {endpoint}: serving MCP beyond loopback needs PROXMOX_MCP_HTTP_TOKEN (clients then send Authorization: Bearer <token>); anyone who reaches the endpoint could drive the cluster"]);
        }
        var loggerFactory = runtime.Services.GetRequiredService<ILoggerFactory>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // No MCP message comes near this; a larger body is refused (413) before it is read.
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            kestrel.Listen(endpoint);
        });
        var app = builder.Build();
        var sessions = new StreamableHttpSessions(runtime, loggerFactory, TimeProvider.System, limits ?? HttpSessionLimits.Default);
        var endpointLogic = new StreamableHttpEndpoint(sessions, bearerToken, loggerFactory.CreateLogger<HttpServerHost>());
        app.Run(endpointLogic.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var url = new UriBuilder(address) { Path = "/mcp" }.Uri;
        loggerFactory.CreateLogger<HttpServerHost>().LogInformation("Serving MCP over Streamable HTTP at {Url}", url);
        return new HttpServerHost(app, sessions, url, idleTimeout ?? DefaultIdleTimeout);
    }

    /// <summary>Serves until cancelled (Ctrl+C), then ends every session.</summary>
    public static async Task RunAsync(ServerRuntime runtime, IPEndPoint endpoint, string? bearerToken, HttpSessionLimits limits, CancellationToken cancellationToken)
    {
        await using var host = await StartAsync(runtime, endpoint, bearerToken, cancellationToken, limits: limits).ConfigureAwait(false);
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
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reaper.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stopping.Dispose();
        await _sessions.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ReapIdleSessionsAsync(TimeSpan idleTimeout)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(idleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromMinutes(1).Ticks));
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
        {
            await _sessions.EndIdleAsync(idleTimeout).ConfigureAwait(false);
        }
    }

    /// <summary>The request handling of /mcp.</summary>
    private sealed class StreamableHttpEndpoint(StreamableHttpSessions sessions, string? bearerToken, ILogger logger)
    {
        private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<JsonRpcMessage> MessageType =
            (System.Text.Json.Serialization.Metadata.JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

        public async Task HandleAsync(HttpContext context)
        {
            if (context.Request.Path != "/mcp")
            {
                await Reject(context, StatusCodes.Status404NotFound, "Not found: the MCP endpoint is /mcp.").ConfigureAwait(false);
                return;
            }
            if (!OriginAllowed(context.Request.Headers.Origin.ToString()))
            {
                await Reject(context, StatusCodes.Status403Forbidden, "Forbidden: requests from other web origins are refused.").ConfigureAwait(false);
                return;
            }
            if (bearerToken is not null && !Authorized(context.Request.Headers.Authorization.ToString()))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Reject(context, StatusCodes.Status401Unauthorized, "Unauthorized: send Authorization: Bearer <PROXMOX_MCP_HTTP_TOKEN>.").ConfigureAwait(false);
                return;
            }
            switch (context.Request.Method)
            {
                case "POST":
                    await PostAsync(context).ConfigureAwait(false);
                    break;
                case "GET":
                    await GetAsync(context).ConfigureAwait(false);
                    break;
                case "DELETE":
                    context.Response.StatusCode = await sessions.EndAsync(context.Request.Headers[SessionHeader].ToString()).ConfigureAwait(false)
                        ? StatusCodes.Status200OK
                        : StatusCodes.Status404NotFound;
                    break;
                default:
                    context.Response.Headers.Allow = "GET, POST, DELETE";
                    await Reject(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed.").ConfigureAwait(false);
                    break;
            }
        }

        private async Task PostAsync(HttpContext context)
        {
            var accept = context.Request.Headers.Accept.ToString();
            if (!accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) || !accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                await Reject(context, StatusCodes.Status406NotAcceptable, "Not Acceptable: the client must accept both application/json and text/event-stream.").ConfigureAwait(false);
                return;
            }
            var contentType = context.Request.ContentType ?? string.Empty;
            if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                await Reject(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type: MCP messages are sent as application/json.").ConfigureAwait(false);
                return;
            }
            JsonRpcMessage? message;
            try
            {
                message = await JsonSerializer.DeserializeAsync(context.Request.Body, MessageType, context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                message = null;
            }
            catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await Reject(context, StatusCodes.Status413PayloadTooLarge, $"Payload Too Large: MCP messages are at most {MaxBodyBytes / (1024 * 1024)} MiB here.").ConfigureAwait(false);
                return;
            }
            if (message is null)
            {
                await Reject(context, StatusCodes.Status400BadRequest, "Bad Request: the body is not a JSON-RPC message.", McpErrorCode.ParseError).ConfigureAwait(false);
                return;
            }

            var sessionId = context.Request.Headers[SessionHeader].ToString();
            StreamableHttpSessions.Session? session;
            if (string.IsNullOrEmpty(sessionId))
            {
                if (message is not JsonRpcRequest { Method: RequestMethods.Initialize })
                {
                    await Reject(context, StatusCodes.Status400BadRequest, "Bad Request: no Mcp-Session-Id; start with an initialize request.", McpErrorCode.InvalidRequest).ConfigureAwait(false);
                    return;
                }
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "?";
                if (sessions.Refusal(client) is { } refusal || (session = sessions.TryStart(client)) is null)
                {
                    var (status, text) = sessions.Refusal(client) ?? (503, "Service Unavailable: the session cap was reached.");
                    context.Response.Headers.RetryAfter = "30";
                    await Reject(context, status, text).ConfigureAwait(false);
                    return;
                }
                logger.LogInformation("MCP session {Session} started ({Count} open)", session.Id[..8], sessions.Count);
            }
            else if ((session = sessions.Find(sessionId)) is null)
            {
                await Reject(context, StatusCodes.Status404NotFound, "Session not found; start a new one with initialize.", McpErrorCode.InvalidRequest).ConfigureAwait(false);
                return;
            }

            context.Response.Headers[SessionHeader] = session.Id;
            StartEventStream(context);
            using var inUse = session.Use();
            var answered = await session.Transport.HandlePostRequestAsync(message, context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            if (!answered)
            {
                context.Response.Headers.ContentType = (string?)null;
                context.Response.StatusCode = StatusCodes.Status202Accepted;
            }
        }

        private async Task GetAsync(HttpContext context)
        {
            if (!context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                await Reject(context, StatusCodes.Status406NotAcceptable, "Not Acceptable: the client must accept text/event-stream.").ConfigureAwait(false);
                return;
            }
            var session = sessions.Find(context.Request.Headers[SessionHeader].ToString());
            if (session is null)
            {
                await Reject(context, StatusCodes.Status404NotFound, "Session not found.").ConfigureAwait(false);
                return;
            }
            context.Response.Headers[SessionHeader] = session.Id;
            StartEventStream(context);
            try
            {
                using var inUse = session.Use();
                await session.Transport.HandleGetRequestAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
            }
        }

        private bool Authorized(string header) =>
            header.StartsWith("Bearer ", StringComparison.Ordinal)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(header[7..]), System.Text.Encoding.UTF8.GetBytes(bearerToken!));

        /// <summary>
        /// No Origin (not a browser), or an http(s) origin on loopback. file://, "null" (sandboxed frames,
        /// local files) and every other scheme are refused: any page or file a browser opens could send them.
        /// </summary>
        private static bool OriginAllowed(string origin) =>
            string.IsNullOrEmpty(origin)
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                && (uri.IsLoopback || uri.Host == "localhost"));

        private static void StartEventStream(HttpContext context)
        {
            context.Response.Headers.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache,no-store";
            context.Response.Headers.ContentEncoding = "identity";
            context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        }

        private static async Task Reject(HttpContext context, int status, string message, McpErrorCode code = McpErrorCode.InvalidRequest)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var error = new Dictionary<string, object?>
            {
                ["jsonrpc"] = "2.0",
                ["id"] = null,
                ["error"] = new Dictionary<string, object?> { ["code"] = (int)code, ["message"] = message },
            };
            await JsonSerializer.SerializeAsync(context.Response.Body, error, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
    }
}
