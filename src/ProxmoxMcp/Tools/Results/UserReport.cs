namespace ProxmoxMcp.Tools.Results;

/// <summary>A Proxmox user.</summary>
/// <param name="UserId">user@realm.</param>
/// <param name="Enabled">Whether it may log in.</param>
/// <param name="Expires">When the account expires (absent: never).</param>
/// <param name="Groups">Its groups.</param>
/// <param name="Tokens">How many API tokens it has (see tokens).</param>
public sealed record UserReport(string UserId, bool Enabled, DateTimeOffset? Expires, string? Groups, int Tokens);
