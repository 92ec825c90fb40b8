namespace ProxmoxMcp.Tools.Results;

/// <summary>A user logged in to a VM, as its guest agent reports it.</summary>
public sealed record GuestUser(string User, string? Domain, DateTimeOffset? LoginTime);
