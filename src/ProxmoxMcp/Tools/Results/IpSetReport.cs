namespace ProxmoxMcp.Tools.Results;

/// <summary>A firewall IP set.</summary>
public sealed record IpSetReport(string Name, string? Comment, IReadOnlyList<string> Entries);
