namespace ProxmoxMcp.Tools.Results;

/// <summary>A user logged in to a VM, as its guest agent reports it.</summary>
/// <param name="User">The user.</param>
/// <param name="Domain">The Windows domain, if any.</param>
/// <param name="LoginTime">When they logged in.</param>
public sealed record GuestUser(string User, string? Domain, DateTimeOffset? LoginTime);
