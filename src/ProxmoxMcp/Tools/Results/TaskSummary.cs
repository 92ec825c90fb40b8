namespace ProxmoxMcp.Tools.Results;

/// <summary>One Proxmox task.</summary>
/// <param name="Upid">The task id, for task_status.</param>
/// <param name="Node">The node it ran on.</param>
/// <param name="Type">qmstart, vzcreate, vzdump, ...</param>
/// <param name="Id">The guest id or other object it worked on.</param>
/// <param name="User">Who started it.</param>
/// <param name="Status">running, OK, "WARNINGS: n", or the error text.</param>
/// <param name="Started">When it started.</param>
/// <param name="DurationSeconds">How long it ran, when finished.</param>
public sealed record TaskSummary(string Upid, string Node, string Type, string Id, string User, string Status, DateTimeOffset Started, double? DurationSeconds);
