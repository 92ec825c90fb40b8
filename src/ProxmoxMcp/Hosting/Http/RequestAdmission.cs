using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;

namespace ProxmoxMcp.Hosting.Http;

/// <summary>
/// Who may talk to the endpoint, checked before the SDK sees a request: the Host header (DNS
/// rebinding), the Origin (web pages and local files), the bearer token, and the shape of a POST
/// (JSON, not too large). Each refusal is a JSON-RPC error with a message that says what to change.
/// </summary>
internal sealed class RequestAdmission(HttpServeOptions options)
{
    private readonly byte[]? _token = options.BearerToken is null ? null : Encoding.UTF8.GetBytes(options.BearerToken);

    /// <summary>The largest request body accepted.</summary>
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!options.AllowedHosts.Allows(request.Headers.Host.ToString()))
        {
            await RefuseAsync(context, StatusCodes.Status421MisdirectedRequest,
                $"Misdirected Request: this server does not answer to the host name '{request.Headers.Host}'. Add it to PROXMOX_MCP_ALLOWED_HOSTS " +
                "(comma-separated, optional ports) when the server sits behind a reverse proxy; other names are refused so that a web page cannot reach it by DNS rebinding.").ConfigureAwait(false);
            return;
        }
        if (!OriginAllowed(request.Headers.Origin.ToString()))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Forbidden: requests from other web origins are refused.").ConfigureAwait(false);
            return;
        }
        if (_token is not null && !Authorized(request.Headers.Authorization.ToString()))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized: send Authorization: Bearer <PROXMOX_MCP_HTTP_TOKEN>.").ConfigureAwait(false);
            return;
        }
        if (HttpMethods.IsPost(request.Method))
        {
            if (!(request.ContentType ?? string.Empty).StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type: MCP messages are sent as application/json.").ConfigureAwait(false);
                return;
            }
            if (request.ContentLength > MaxBodyBytes)
            {
                await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"Payload Too Large: MCP messages are at most {MaxBodyBytes / (1024 * 1024)} MiB here.").ConfigureAwait(false);
                return;
            }
        }
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            // A chunked body that grows past the limit: Kestrel stops reading it mid-way.
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"Payload Too Large: MCP messages are at most {MaxBodyBytes / (1024 * 1024)} MiB here.").ConfigureAwait(false);
        }
    }

    private bool Authorized(string header) =>
        header.StartsWith("Bearer ", StringComparison.Ordinal)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..]), _token);

    /// <summary>
    /// No Origin (not a browser), or an http(s) origin on loopback or on an allowed host name. file://,
    /// "null" (sandboxed frames, local files) and every other scheme are refused: any page or file a
    /// browser opens could send them.
    /// </summary>
    private bool OriginAllowed(string origin) =>
        string.IsNullOrEmpty(origin)
        || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && (uri.IsLoopback || uri.Host == "localhost" || options.AllowedHosts.Lists(uri.Host, uri.Port)));

    /// <summary>A JSON-RPC error answer (no id: the request was not read).</summary>
    public static async Task RefuseAsync(HttpContext context, int status, string message, McpErrorCode code = McpErrorCode.InvalidRequest)
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
