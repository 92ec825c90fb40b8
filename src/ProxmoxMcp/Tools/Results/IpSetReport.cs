namespace ProxmoxMcp.Tools.Results;

/// <summary>A firewall IP set.</summary>
/// <param name="Name">The set, used in rules as +name.</param>
/// <param name="Comment">Its comment.</param>
/// <param name="Entries">Its addresses or networks; "!" marks an exception (nomatch).</param>
public sealed record IpSetReport(string Name, string? Comment, IReadOnlyList<string> Entries);
