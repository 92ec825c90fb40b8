namespace ProxmoxMcp.Tools.Results;

/// <summary>An API token (never its secret).</summary>
public sealed record TokenReport(string Id, bool PrivilegeSeparated, DateTimeOffset? Expires, bool Expired, string? Comment);
