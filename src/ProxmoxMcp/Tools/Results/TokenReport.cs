namespace ProxmoxMcp.Tools.Results;

/// <summary>An API token (never its secret).</summary>
/// <param name="Id">user@realm!token.</param>
/// <param name="PrivilegeSeparated">True when the token has its own, narrower ACLs; false when it holds all of its user's privileges.</param>
/// <param name="Expires">When it expires (absent: never).</param>
/// <param name="Expired">True when it has expired.</param>
/// <param name="Comment">Its comment.</param>
public sealed record TokenReport(string Id, bool PrivilegeSeparated, DateTimeOffset? Expires, bool Expired, string? Comment);
