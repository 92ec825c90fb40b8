using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Api.Authentication;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Api;

/// <summary>
/// The real <see cref="IProxmoxApi"/>: HTTPS to <c>/api2/json</c> signed by the configured login (an API
/// token header, or a ticket cookie and CSRF header; see <see cref="IApiAuthentication"/>), the
/// <c>{"data": ...}</c> envelope unwrapped, and every failure mapped to one
/// <see cref="ProxmoxApiException"/> worded for the person or agent who must act on it.
/// Logs method, path, status and duration only: never parameters, headers or bodies.
/// </summary>
public sealed class ProxmoxHttpClient : IProxmoxApi
{
    private readonly HttpClient _http;
    private readonly ProxmoxOptions _options;
    private readonly CertificatePolicy _certificates;
    private readonly ILogger<ProxmoxHttpClient> _logger;
    private readonly IApiAuthentication _authentication;
    /// <summary>https://host:port, without a path.</summary>
    private readonly string _origin;
    private const string ApiPrefix = "/api2/json";

    /// <summary>An answer larger than this is refused rather than read into memory.</summary>
    public const int MaxAnswerBytes = 64 * 1024 * 1024;

    public ProxmoxHttpClient(HttpClient http, ProxmoxOptions options, CertificatePolicy certificates, ILogger<ProxmoxHttpClient> logger)
        : this(http, options, certificates, logger, ApiAuthentication.For(options, http, TimeProvider.System, logger))
    {
    }

    /// <param name="http">The client the requests go through.</param>
    /// <param name="options">Validated settings.</param>
    /// <param name="certificates">The TLS decision, for the wording of a refused connection.</param>
    /// <param name="logger">Method, path, status and duration only.</param>
    /// <param name="authentication">How requests prove who sends them (shared, so a ticket serves every client).</param>
    public ProxmoxHttpClient(HttpClient http, ProxmoxOptions options, CertificatePolicy certificates, ILogger<ProxmoxHttpClient> logger, IApiAuthentication authentication)
    {
        _http = http;
        // The largest answers (cluster resources of thousands of guests, long task logs) stay far below this.
        _http.MaxResponseContentBufferSize = MaxAnswerBytes;
        _options = options;
        _certificates = certificates;
        _logger = logger;
        _authentication = authentication;
        _origin = new Uri(options.ApiBaseUrl).GetLeftPart(UriPartial.Authority);
    }

    public Task<JsonElement> GetAsync(string path, ProxmoxParameters? query = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, path, query, cancellationToken);

    public Task<JsonElement> PostAsync(string path, ProxmoxParameters? body = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<JsonElement> PutAsync(string path, ProxmoxParameters? body = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, path, body, cancellationToken);

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, ProxmoxParameters? parameters, CancellationToken cancellationToken)
    {
        var uri = RequestUri(method, path, parameters);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (method != HttpMethod.Get)
            {
                request.Content = new FormUrlEncodedContent(parameters ?? new ProxmoxParameters());
            }

            HttpResponseMessage response;
            int login;
            try
            {
                login = await _authentication.AuthenticateAsync(request, timeout.Token).ConfigureAwait(false);
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Unanswered($"Proxmox did not answer {method.Method} {path} within {_options.RequestTimeout.TotalSeconds:0} s (PROXMOX_TIMEOUT); the node may be overloaded or unreachable.", null);
            }
            catch (HttpRequestException exception)
            {
                throw Unanswered(DescribeConnectionFailure(exception), exception);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                // A 401 means Proxmox did nothing: with an expired ticket, log in again and send it once more.
                if (status == 401 && attempt == 1 && _authentication.Renew(login))
                {
                    _logger.LogDebug("{Method} {Path} -> 401; logging in again", method.Method, path);
                    continue;
                }
                if (status is >= 300 and < 400)
                {
                    throw new ProxmoxApiException(status,
                        $"Proxmox answered {method.Method} {path} with a redirect to {response.Headers.Location?.ToString() ?? "(no location)"}; redirects are never followed (the credentials would go along). Point PROXMOX_HOST at the node itself.",
                        string.Empty, new Dictionary<string, string>());
                }
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                _logger.LogDebug("{Method} {Path} -> {Status} in {Elapsed} ms", method.Method, path, status,
                    (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.IsSuccessStatusCode)
                {
                    return ParseData(body, method, path);
                }
                var error = ProxmoxErrors.FromResponse(status, response.ReasonPhrase, body, method.Method, path);
                throw status == 401 ? new ProxmoxApiException(401, _authentication.RefusedMessage, error.ServerMessage, error.ParameterErrors) : error;
            }
        }
    }

    private static JsonElement ParseData(byte[] body, HttpMethod method, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("data", out var data)
                ? data.Clone()
                : throw new JsonException("no 'data' member");
        }
        catch (JsonException exception)
        {
            throw new ProxmoxApiException(200, $"Proxmox answered {method.Method} {path} with something other than its JSON envelope ({exception.Message}); is PROXMOX_HOST a Proxmox VE node?",
                string.Empty, new Dictionary<string, string>(), exception);
        }
    }

    private string DescribeConnectionFailure(HttpRequestException exception)
    {
        var target = $"{_options.Host}:{_options.Port}";
        if (exception.InnerException is AuthenticationException || exception.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            return $"TLS connection to Proxmox at {target} refused: {_certificates.LastRejection ?? exception.InnerException?.Message ?? exception.Message}.";
        }
        return exception.HttpRequestError switch
        {
            HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse => $"Proxmox at {target} closed the connection without answering (or answered with something that is not HTTP); the node may be restarting or a proxy in between failed. Try again.",
            HttpRequestError.ConfigurationLimitExceeded => $"Proxmox at {target} answered with more than {MaxAnswerBytes / (1024 * 1024)} MiB; no API answer this server reads is that large, so it was not read.",
            HttpRequestError.NameResolutionError => $"Cannot resolve the Proxmox host '{_options.Host}'; check PROXMOX_HOST.",
            HttpRequestError.ConnectionError => $"Cannot connect to Proxmox at {target} ({exception.InnerException?.Message ?? exception.Message}); check PROXMOX_HOST, PROXMOX_PORT and that the node is up.",
            _ => $"The connection to Proxmox at {target} failed ({exception.InnerException?.Message ?? exception.Message}); the node may be restarting, or a proxy in between failed. Try again.",
        };
    }

    private static ProxmoxApiException Unanswered(string message, Exception? inner) =>
        new(0, message, string.Empty, new Dictionary<string, string>(), inner);

    /// <summary>
    /// The address for a path under /api2/json, by plain concatenation, then checked: the path and query
    /// the URI holds must be byte for byte the ones the safety policy checked. A path that a URI parser
    /// would read differently (a scheme, dot segments, an authority) is refused, never reinterpreted.
    /// </summary>
    private Uri RequestUri(HttpMethod method, string path, ProxmoxParameters? parameters)
    {
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
        {
            throw new Safety.SafetyRefusedException($"{method.Method} {path} refused: API paths are relative to /api2/json and start with a single '/'.");
        }
        var query = method == HttpMethod.Get ? Query(parameters) : string.Empty;
        if (!Uri.TryCreate(_origin + ApiPrefix + path + query, UriKind.Absolute, out var uri)
            || !string.Equals(uri.GetLeftPart(UriPartial.Authority), _origin, StringComparison.Ordinal)
            || !string.Equals(uri.AbsolutePath, ApiPrefix + path, StringComparison.Ordinal)
            || !string.Equals(uri.Query, query, StringComparison.Ordinal))
        {
            throw new Safety.SafetyRefusedException($"{method.Method} {path} refused: the address would not be the path that was checked.");
        }
        return uri;
    }

    private static string Query(ProxmoxParameters? parameters)
    {
        if (parameters is null || parameters.Count == 0)
        {
            return string.Empty;
        }
        var builder = new StringBuilder("?");
        foreach (var (key, value) in parameters)
        {
            if (builder.Length > 1)
            {
                builder.Append('&');
            }
            builder.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }
        return builder.ToString();
    }
}
