namespace ProxmoxMcp.Sandbox;

/// <summary>
/// A caller the sandbox has authenticated, with the privileges it holds on every path: an API token, or a
/// user logged in with a password (then <see cref="TokenName"/> and <see cref="Secret"/> are empty).
/// </summary>
public sealed record SandboxToken(string User, string TokenName, string Secret, IReadOnlySet<string> Privileges)
{
    /// <summary>USER@REALM!TOKENID, as Proxmox names tokens in task ids and permission errors; USER@REALM for a user's ticket.</summary>
    public string TokenId => TokenName.Length == 0 ? User : $"{User}!{TokenName}";

    /// <summary>The Authorization header value a client sends.</summary>
    public string HeaderValue => $"PVEAPIToken={TokenId}={Secret}";

    public bool Has(string privilege) => Privileges.Contains(privilege);
}
