namespace ProxmoxMcp.Tools.Results;

/// <summary>The outcome of a snapshot, backup or disk growth.</summary>
/// <param name="Vmid">The guest id.</param>
/// <param name="Type">vm or container.</param>
/// <param name="Node">The node it lives on.</param>
/// <param name="Action">snapshot, backup or resize.</param>
/// <param name="Status">done, started, still_running or unchanged.</param>
/// <param name="Message">What happened, in a sentence.</param>
/// <param name="Result">What was made: the snapshot name, the backup volume id, or the disk's new size.</param>
/// <param name="Upid">The task id, for task_status.</param>
/// <param name="ExitStatus">The task's exit status, once finished.</param>
/// <param name="WaitedSeconds">How long the server waited.</param>
public sealed record TaskStepResult(int Vmid, GuestKind Type, string Node, string Action, string Status, string Message, string? Result, string? Upid, string? ExitStatus, double? WaitedSeconds);
