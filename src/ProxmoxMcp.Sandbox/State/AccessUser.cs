namespace ProxmoxMcp.Sandbox.State;

/// <summary>A Proxmox user with its tokens.</summary>
public sealed record AccessUser(string UserId, bool Enabled, IReadOnlyList<ApiTokenEntry> Tokens, DateTimeOffset? Expire = null, string? Groups = null, string? Comment = null);
