using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Api.Authentication;

/// <summary>
/// Password login, as the Proxmox web UI does it: <c>POST /access/ticket</c> with the user name and
/// password returns a ticket, sent as the <c>PVEAuthCookie</c> cookie on every request, and a
/// <c>CSRFPreventionToken</c>, sent as a header on every request that is not a GET. Tickets live two
/// hours; this one is replaced by a new login once it is <see cref="RenewAfter"/> old, and at once when
/// Proxmox answers 401 (an expired ticket, a cluster that rotated its signing key). One login at a time:
/// requests that find the ticket old wait for the same new one. A user whose realm asks for a second
/// factor cannot be served; the error says to use an API token. The password, the ticket and the CSRF
/// token are never logged.
/// </summary>
public sealed class TicketAuthentication : IApiAuthentication, IDisposable
{
    /// <summary>How long Proxmox accepts a ticket.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    /// <summary>Log in again once the ticket is this old: half an hour before it expires.</summary>
    public static readonly TimeSpan RenewAfter = TimeSpan.FromMinutes(90);

    private const string LoginPath = "/access/ticket";

    private readonly HttpClient _http;
    private readonly ProxmoxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _loginUri;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Session? _session;
    private int _logins;

    public TicketAuthentication(HttpClient http, ProxmoxOptions options, TimeProvider time, ILogger logger)
    {
        if (options.Password is null)
        {
            throw new ArgumentException("A ticket login needs PROXMOX_PASSWORD.", nameof(options));
        }
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        _loginUri = new Uri(new Uri(options.ApiBaseUrl).GetLeftPart(UriPartial.Authority) + "/api2/json" + LoginPath);
    }

    public string Description => $"password login as {_options.User} (a ticket, renewed every {RenewAfter.TotalMinutes:0} minutes)";

    /// <summary>How many times this server has logged in (tests: renewal happened, and only once).</summary>
    public int Logins => Volatile.Read(ref _logins);

    public string RefusedMessage =>
        $"Proxmox refused the login ticket of {_options.User} (401) even after logging in again; the user may have been disabled, or its password changed. Check PROXMOX_USER and PROXMOX_PASSWORD.";

    public async ValueTask<int> AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var session = Fresh(Volatile.Read(ref _session)) ?? await LoginAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.TryAddWithoutValidation("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(session.Ticket));
        if (request.Method != HttpMethod.Get)
        {
            // Proxmox refuses a write that carries the cookie without this header (401): the cookie alone
            // could come from any page in the user's browser.
            request.Headers.TryAddWithoutValidation("CSRFPreventionToken", session.CsrfToken);
        }
        return session.Number;
    }

    public bool Renew(int login)
    {
        var current = Volatile.Read(ref _session);
        if (current is not null && current.Number == login)
        {
            // Only the refused login is dropped: one that another request made since stays.
            Interlocked.CompareExchange(ref _session, null, current);
        }
        return true;
    }

    public void Dispose() => _gate.Dispose();

    private Session? Fresh(Session? session) =>
        session is not null && _time.GetElapsedTime(session.Started) < RenewAfter ? session : null;

    private async Task<Session> LoginAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(Volatile.Read(ref _session)) is { } made)
            {
                return made;
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, _loginUri)
            {
                Content = new FormUrlEncodedContent([new("username", _options.User), new("password", _options.Password!)]),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var started = _time.GetTimestamp();
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (status is >= 300 and < 400)
            {
                throw Failed(status, $"Proxmox answered the login with a redirect to {response.Headers.Location?.ToString() ?? "(no location)"}; redirects are never followed (the password would go along). Point PROXMOX_HOST at the node itself.");
            }
            if (status == 401)
            {
                throw Failed(401, $"Proxmox refused the password login of {_options.User} (401 authentication failure): check PROXMOX_USER (with its realm, e.g. root@pam or mcp@pve) and PROXMOX_PASSWORD.");
            }
            if (!response.IsSuccessStatusCode)
            {
                throw ProxmoxErrors.FromResponse(status, response.ReasonPhrase, body, "POST", LoginPath);
            }
            var session = Read(body, Interlocked.Increment(ref _logins), started);
            Volatile.Write(ref _session, session);
            _logger.LogInformation("Logged in to Proxmox as {User} with a password; the ticket is renewed every {Minutes} minutes", _options.User, (int)RenewAfter.TotalMinutes);
            return session;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Session Read(byte[] body, int number, long started)
    {
        JsonElement data;
        try
        {
            using var document = JsonDocument.Parse(body);
            data = document.RootElement.TryGetProperty("data", out var value) ? value.Clone() : default;
        }
        catch (JsonException)
        {
            data = default;
        }
        var ticket = data.String("ticket");
        // A realm or user with two-factor login answers with a half ticket that only completes the
        // challenge ("!tfa!" inside, NeedTFA: 1); nothing else can be done with it.
        if (data.Int64("NeedTFA") == 1 || ticket?.Contains("!tfa!", StringComparison.Ordinal) == true)
        {
            throw Failed(401, $"{_options.User} must give a second factor (TOTP, WebAuthn, a recovery key) to log in, which a server cannot do. Use an API token instead (PROXMOX_TOKEN_NAME and PROXMOX_TOKEN_VALUE; tokens need no second factor): README, 'A least-privilege API token'.");
        }
        var csrf = data.String("CSRFPreventionToken");
        if (string.IsNullOrEmpty(ticket) || string.IsNullOrEmpty(csrf))
        {
            throw Failed(200, "Proxmox answered the login without a ticket and CSRF token; is PROXMOX_HOST a Proxmox VE node?");
        }
        return new Session(number, ticket, csrf, started);
    }

    private static ProxmoxApiException Failed(int status, string message) => new(status, message, string.Empty, new Dictionary<string, string>());

    private sealed record Session(int Number, string Ticket, string CsrfToken, long Started);
}
