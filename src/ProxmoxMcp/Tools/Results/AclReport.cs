namespace ProxmoxMcp.Tools.Results;

/// <summary>One ACL entry.</summary>
/// <param name="Path">Where it applies (/, /vms/100, /storage/local, /pool/lab, ...).</param>
/// <param name="Type">user, group or token.</param>
/// <param name="Who">The user, group or token.</param>
/// <param name="Role">The role granted.</param>
/// <param name="Propagate">Whether it applies below the path too.</param>
public sealed record AclReport(string Path, string Type, string Who, string Role, bool Propagate);
