using ProxmoxMcp.Configuration;
using ProxmoxMcp.Sandbox;

namespace ProxmoxMcp.Hosting;

/// <summary>The connection settings that point the server at a running sandbox, its certificate pinned.</summary>
public static class SandboxConnection
{
    public static ProxmoxOptions OptionsFor(SandboxServer sandbox, SandboxToken token) => new()
    {
        Host = sandbox.Host,
        Port = sandbox.Port,
        User = token.User,
        TokenName = token.TokenName,
        TokenValue = token.Secret,
        TlsFingerprint = sandbox.CertificateFingerprint,
    };

    /// <summary>The same, logging in with a user's password instead of a token.</summary>
    public static ProxmoxOptions OptionsFor(SandboxServer sandbox, SandboxLogin login) => new()
    {
        Host = sandbox.Host,
        Port = sandbox.Port,
        User = login.User,
        Password = login.Password,
        TlsFingerprint = sandbox.CertificateFingerprint,
    };
}
