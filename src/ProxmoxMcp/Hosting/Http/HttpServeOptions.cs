using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Hosting.Http;

/// <summary>
/// How <c>serve --http</c> serves: where it listens, who may call, how many sessions it keeps, which
/// Host names it answers to, and the certificate when it serves HTTPS itself.
/// </summary>
public sealed record HttpServeOptions(IPEndPoint Endpoint)
{
    /// <summary>Sessions unused this long are ended (the SDK's default too).</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromHours(2);

    /// <summary>PROXMOX_MCP_HTTP_TOKEN: clients must send it as a bearer token; required beyond loopback.</summary>
    public string? BearerToken { get; init; }

    public HttpSessionLimits Limits { get; init; } = HttpSessionLimits.Default;

    public TimeSpan IdleTimeout { get; init; } = DefaultIdleTimeout;

    /// <summary>PROXMOX_MCP_ALLOWED_HOSTS: Host names (with optional ports) besides loopback names and IP literals.</summary>
    public AllowedHosts AllowedHosts { get; init; } = AllowedHosts.LoopbackOnly;

    /// <summary>--cert: serve HTTPS with this certificate (and its private key).</summary>
    public X509Certificate2? Certificate { get; init; }

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

    /// <summary>
    /// The options from <c>--bind</c>, <c>--cert</c> and the PROXMOX_MCP_* settings. Every problem is
    /// collected and reported at once (<see cref="ConfigurationException"/>, exit code 2).
    /// </summary>
    public static HttpServeOptions Load(IReadOnlyDictionary<string, string> settings, IPEndPoint endpoint, string? certificatePath)
    {
        var problems = new List<string>();
        var total = Limit(settings, "PROXMOX_MCP_HTTP_MAX_SESSIONS", HttpSessionLimits.Default.MaxSessions, problems);
        var perClient = Limit(settings, "PROXMOX_MCP_HTTP_MAX_SESSIONS_PER_CLIENT", HttpSessionLimits.Default.MaxPerClient, problems);
        var token = settings.TryGetValue("PROXMOX_MCP_HTTP_TOKEN", out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        if (!AllowedHosts.TryParse(settings.GetValueOrDefault("PROXMOX_MCP_ALLOWED_HOSTS"), out var hosts, out var hostProblem))
        {
            problems.Add($"PROXMOX_MCP_ALLOWED_HOSTS: {hostProblem}");
        }
        X509Certificate2? certificate = null;
        if (!string.IsNullOrWhiteSpace(certificatePath))
        {
            certificate = LoadCertificate(certificatePath, settings.GetValueOrDefault("PROXMOX_MCP_CERT_PASSWORD"), problems);
        }
        if (!IPAddress.IsLoopback(endpoint.Address) && token is null)
        {
            problems.Add($"--bind {endpoint}: serving MCP beyond loopback needs PROXMOX_MCP_HTTP_TOKEN (clients then send Authorization: Bearer <token>); anyone who reaches the endpoint could drive the cluster");
        }
        if (problems.Count > 0)
        {
            certificate?.Dispose();
            throw new ConfigurationException(problems);
        }
        return new HttpServeOptions(endpoint)
        {
            BearerToken = token,
            Limits = new HttpSessionLimits(total, Math.Min(perClient, total)),
            AllowedHosts = hosts!,
            Certificate = certificate,
        };
    }

    private static int Limit(IReadOnlyDictionary<string, string> settings, string name, int defaultValue, List<string> problems)
    {
        if (!settings.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 100_000)
        {
            return value;
        }
        problems.Add($"{name} '{text}' must be a whole number from 1 to 100000");
        return defaultValue;
    }

    /// <summary>
    /// A PKCS#12 file (.pfx, .p12) or a PEM file holding the certificate and its private key (an
    /// encrypted key needs PROXMOX_MCP_CERT_PASSWORD). The certificate must carry its private key.
    /// </summary>
    private static X509Certificate2? LoadCertificate(string path, string? password, List<string> problems)
    {
        if (!File.Exists(path))
        {
            problems.Add($"--cert '{path}': no such file");
            return null;
        }
        try
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            X509Certificate2 certificate;
            if (extension is ".pfx" or ".p12")
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            }
            else
            {
                using var pem = string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(path)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password);
                // A key loaded from PEM is ephemeral; TLS on some platforms needs it in a PKCS#12 container.
                certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                problems.Add($"--cert '{path}': the file holds no private key for the certificate (give a PEM file with the certificate and its key, or a PFX)");
                return null;
            }
            return certificate;
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"--cert '{path}': {exception.Message.TrimEnd('.')} (expected a PEM file with the certificate and its private key, or a PFX; PROXMOX_MCP_CERT_PASSWORD for an encrypted key)");
            return null;
        }
    }
}
