namespace ProxmoxMcp.Sandbox.State;

/// <summary>One ACL line: on a path, a role for a user, group or token.</summary>
public sealed record AclEntry(string Path, string Type, string UgId, string RoleId, bool Propagate = true);
