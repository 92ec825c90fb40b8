namespace ProxmoxMcp.Sandbox;

/// <summary>An API token the sandbox accepts, with the privileges it holds on every path.</summary>
public sealed record SandboxToken(string User, string TokenName, string Secret, IReadOnlySet<string> Privileges)
{
    /// <summary>USER@REALM!TOKENID, as Proxmox names tokens in task ids and permission errors.</summary>
    public string TokenId => $"{User}!{TokenName}";

    /// <summary>The Authorization header value a client sends.</summary>
    public string HeaderValue => $"PVEAPIToken={TokenId}={Secret}";

    public bool Has(string privilege) => Privileges.Contains(privilege);
}
