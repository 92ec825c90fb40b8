using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProxmoxMcp.Sandbox;

/// <summary>
/// Password logins and their tickets, as pveproxy and pvedaemon handle them: POST /access/ticket
/// returns a ticket (the <c>PVEAuthCookie</c> cookie) and a CSRF token; a ticket is valid for two hours;
/// a request that is not a GET must carry the ticket's CSRF token in the <c>CSRFPreventionToken</c>
/// header; a user whose realm asks for a second factor gets only a challenge ticket that opens nothing.
/// </summary>
public sealed class SandboxLogins
{
    /// <summary>How long Proxmox accepts a ticket.</summary>
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromHours(2);

    private readonly Dictionary<string, Issued> _tickets = new(StringComparer.Ordinal);

    public SandboxLogin Root { get; } = new("root@pam", NewSecret(), Privileges.All);

    public SandboxLogin LeastPrivilege { get; } = new("mcp@pve", NewSecret(), Privileges.LeastPrivilege);

    /// <summary>A user whose realm demands TOTP: its password is right, yet it cannot get a usable ticket.</summary>
    public SandboxLogin SecondFactor { get; } = new("admin@pve", NewSecret(), Privileges.All, SecondFactor: true);

    public IEnumerable<SandboxLogin> All => [Root, LeastPrivilege, SecondFactor];

    /// <summary>Every ticket and CSRF token handed out (tests scan what the server wrote for them).</summary>
    public IReadOnlyList<string> IssuedSecrets
    {
        get
        {
            lock (_tickets)
            {
                return [.. _tickets.SelectMany(t => new[] { t.Key, t.Value.CsrfToken })];
            }
        }
    }

    /// <summary>The answer to POST /access/ticket, or null for a wrong user name or password (401).</summary>
    public Dictionary<string, object?>? Login(string username, string password, string? realm, DateTimeOffset now)
    {
        var user = realm is null || username.Contains('@', StringComparison.Ordinal) ? username : $"{username}@{realm}";
        var login = All.FirstOrDefault(l => l.User == user && FixedTimeEquals(l.Password, password));
        if (login is null)
        {
            return null;
        }
        var time = now.ToUnixTimeSeconds().ToString("X8", CultureInfo.InvariantCulture);
        var csrf = $"{time}:{NewSignature()}";
        var ticket = login.SecondFactor
            ? $"PVE:!tfa!{Uri.EscapeDataString("{\"totp\":true}")}:{time}::{NewSignature()}"
            : $"PVE:{login.User}:{time}::{NewSignature()}";
        lock (_tickets)
        {
            _tickets[ticket] = new Issued(login, csrf, now, Usable: !login.SecondFactor);
        }
        var answer = new Dictionary<string, object?>
        {
            ["username"] = login.User,
            ["ticket"] = ticket,
            ["CSRFPreventionToken"] = csrf,
            ["clustername"] = "sandbox",
        };
        if (login.SecondFactor)
        {
            answer["NeedTFA"] = 1;
        }
        return answer;
    }

    /// <summary>
    /// The caller a request's ticket stands for, or null with the reason Proxmox gives (401): no ticket,
    /// an unknown, expired or challenge-only ticket, or a write without the ticket's CSRF token.
    /// </summary>
    public SandboxToken? Authenticate(string? cookieHeader, string method, string? csrfHeader, DateTimeOffset now, out string refusal)
    {
        var ticket = Cookie(cookieHeader, "PVEAuthCookie");
        if (ticket is null)
        {
            refusal = "No ticket";
            return null;
        }
        Issued? issued;
        lock (_tickets)
        {
            _tickets.TryGetValue(ticket, out issued);
        }
        if (issued is null || !issued.Usable || now - issued.Time >= TicketLifetime)
        {
            refusal = "authentication failure";
            return null;
        }
        if (method != "GET" && (csrfHeader is null || !FixedTimeEquals(issued.CsrfToken, csrfHeader)))
        {
            refusal = "Permission denied - invalid csrf token";
            return null;
        }
        refusal = string.Empty;
        return issued.Login.Caller;
    }

    private static string? Cookie(string? header, string name)
    {
        foreach (var part in (header ?? string.Empty).Split(';', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith(name + "=", StringComparison.Ordinal))
            {
                // pve-http-server decodes %XX in the cookie value.
                return Uri.UnescapeDataString(part[(name.Length + 1)..]);
            }
        }
        return null;
    }

    private static bool FixedTimeEquals(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');

    private static string NewSignature() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    private sealed record Issued(SandboxLogin Login, string CsrfToken, DateTimeOffset Time, bool Usable);
}
