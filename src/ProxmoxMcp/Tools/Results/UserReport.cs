namespace ProxmoxMcp.Tools.Results;

/// <summary>A Proxmox user.</summary>
public sealed record UserReport(string UserId, bool Enabled, DateTimeOffset? Expires, string? Groups, int Tokens);
