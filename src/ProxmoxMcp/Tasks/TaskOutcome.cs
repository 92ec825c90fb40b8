namespace ProxmoxMcp.Tasks;

/// <summary>
/// Where a Proxmox task ended up: finished with success (OK or WARNINGS), finished with an error
/// (exit status and log tail), or still running when the wait budget ran out.
/// </summary>
/// <param name="Upid">The task id, for task_status.</param>
/// <param name="Node">The node that runs the task.</param>
/// <param name="Type">The task type, e.g. qmstart, vzcreate.</param>
/// <param name="Status">running or stopped.</param>
/// <param name="ExitStatus">OK, "WARNINGS: n", or the error text; absent while running.</param>
/// <param name="Succeeded">True when the task stopped with OK or warnings.</param>
/// <param name="WaitedSeconds">How long the server waited for the task.</param>
/// <param name="LogTail">The last lines of the task log, when the task failed or was asked for.</param>
public sealed record TaskOutcome(
    string Upid,
    string Node,
    string Type,
    string Status,
    string? ExitStatus,
    bool Succeeded,
    double WaitedSeconds,
    IReadOnlyList<string>? LogTail)
{
    public bool Finished => Status == "stopped";
}
