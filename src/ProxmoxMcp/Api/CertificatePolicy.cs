using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Api;

/// <summary>
/// Decides whether to trust the server certificate. A pinned SHA-256 fingerprint
/// (PROXMOX_TLS_FINGERPRINT) is enforced whatever PROXMOX_VERIFY_SSL says; otherwise the chain and
/// host name are checked only when PROXMOX_VERIFY_SSL=true (most homelabs run the self-signed CA).
/// </summary>
public sealed class CertificatePolicy(ProxmoxOptions options)
{
    private volatile string? _lastRejection;

    /// <summary>Why the last certificate was refused, for the error message of the failed call.</summary>
    public string? LastRejection => _lastRejection;

    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (options.TlsFingerprint is { } pinned)
        {
            if (certificate is null)
            {
                return Reject("the server presented no certificate");
            }
            var actual = Fingerprint(certificate);
            return string.Equals(actual, pinned, StringComparison.OrdinalIgnoreCase)
                || Reject($"the server certificate's SHA-256 fingerprint {Format(actual)} does not match PROXMOX_TLS_FINGERPRINT {Format(pinned)}; if the certificate was renewed on purpose, update the pin");
        }
        if (!options.VerifySsl || errors == SslPolicyErrors.None)
        {
            return true;
        }
        return Reject($"certificate verification failed ({errors}); set PROXMOX_TLS_FINGERPRINT to pin the node's self-signed certificate, or PROXMOX_VERIFY_SSL=false");
    }

    public SocketsHttpHandler CreateHandler() => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors),
        },
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        UseCookies = false,
        // A redirect would carry the request, and the token in its header, to whatever host it names.
        AllowAutoRedirect = false,
    };

    public static string Fingerprint(X509Certificate certificate) =>
        Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));

    /// <summary>AA:BB:... as Proxmox shows fingerprints in its UI.</summary>
    public static string Format(string hex) =>
        string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2))).ToUpperInvariant();

    private bool Reject(string reason)
    {
        _lastRejection = reason;
        return false;
    }
}
