namespace ProxmoxMcp.Sandbox.State;

/// <summary>An API token of a user (never its secret): expiry (null: the user's) and privilege separation.</summary>
public sealed record ApiTokenEntry(string TokenId, bool PrivilegeSeparation, DateTimeOffset? Expire = null, string? Comment = null);
