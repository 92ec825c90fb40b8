namespace ProxmoxMcp.Tools.Results;

/// <summary>One ACL entry.</summary>
public sealed record AclReport(string Path, string Type, string Who, string Role, bool Propagate);
