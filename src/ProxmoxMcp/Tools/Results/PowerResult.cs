namespace ProxmoxMcp.Tools.Results;

/// <summary>The outcome of a power action.</summary>
/// <param name="Vmid">The guest id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">vm or container.</param>
/// <param name="Node">The node it runs on.</param>
/// <param name="Action">start, stop, shutdown, reboot, suspend or resume.</param>
/// <param name="Changed">False when the guest was already in the wanted state and nothing was sent.</param>
/// <param name="Status">running (finished), started (not waited for), still_running (the wait ran out) or unchanged.</param>
/// <param name="Message">What happened, in a sentence.</param>
/// <param name="Upid">The task id, for task_status.</param>
/// <param name="ExitStatus">The task's exit status, once finished.</param>
/// <param name="WaitedSeconds">How long the server waited for the task.</param>
public sealed record PowerResult(
    int Vmid,
    string Name,
    GuestKind Type,
    string Node,
    string Action,
    bool Changed,
    string Status,
    string Message,
    string? Upid,
    string? ExitStatus,
    double? WaitedSeconds);
