namespace ProxmoxMcp.Sandbox;

/// <summary>The sandbox's tokens; secrets are fresh random UUIDs at every start, as real ones are.</summary>
public sealed class SandboxTokens
{
    public SandboxToken Full { get; } = new("root@pam", "mcp", Guid.NewGuid().ToString(), Privileges.All);

    public SandboxToken LeastPrivilege { get; } = new("mcp@pve", "agent", Guid.NewGuid().ToString(), Privileges.LeastPrivilege);

    public SandboxToken ReadOnly { get; } = new("audit@pve", "read", Guid.NewGuid().ToString(), Privileges.ReadOnly);

    public IEnumerable<SandboxToken> All => [Full, LeastPrivilege, ReadOnly];

    /// <summary>Finds the token named by an Authorization header; the secret is split off at the last '='.</summary>
    private readonly HashSet<string> _revoked = [];

    /// <summary>From now on the token is refused (401), as after a human deletes it in the Proxmox UI.</summary>
    public void Revoke(SandboxToken token)
    {
        lock (_revoked)
        {
            _revoked.Add(token.TokenId);
        }
    }

    public SandboxToken? Authenticate(string? header)
    {
        const string prefix = "PVEAPIToken=";
        if (header is null || !header.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var credentials = header[prefix.Length..];
        var split = credentials.LastIndexOf('=');
        if (split <= 0)
        {
            return null;
        }
        var tokenId = credentials[..split];
        lock (_revoked)
        {
            if (_revoked.Contains(tokenId))
            {
                return null;
            }
        }
        var secret = credentials[(split + 1)..];
        return All.FirstOrDefault(t => t.TokenId == tokenId && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(t.Secret), System.Text.Encoding.UTF8.GetBytes(secret)));
    }
}
