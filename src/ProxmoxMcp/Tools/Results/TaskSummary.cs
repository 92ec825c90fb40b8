namespace ProxmoxMcp.Tools.Results;

/// <summary>One Proxmox task.</summary>
public sealed record TaskSummary(string Upid, string Node, string Type, string Id, string User, string Status, DateTimeOffset Started, double? DurationSeconds);
