namespace ProxmoxMcp.Tools.Results;

/// <summary>A guest created or cloned.</summary>
/// <param name="Vmid">The new guest's id.</param>
/// <param name="Name">Its name or host name.</param>
/// <param name="Type">vm or container.</param>
/// <param name="Node">The node it lives on.</param>
/// <param name="Action">create or clone.</param>
/// <param name="Status">done, started (not waited for) or still_running (the wait ran out).</param>
/// <param name="Running">Whether it was started.</param>
/// <param name="Tags">Its tags, including the server's own.</param>
/// <param name="Message">What happened, in a sentence, and what to do next.</param>
/// <param name="Upid">The task id, for task_status.</param>
/// <param name="ExitStatus">The task's exit status, once finished.</param>
/// <param name="WaitedSeconds">How long the server waited.</param>
public sealed record ProvisionResult(
    int Vmid,
    string Name,
    GuestKind Type,
    string Node,
    string Action,
    string Status,
    bool Running,
    IReadOnlyList<string> Tags,
    string Message,
    string? Upid,
    string? ExitStatus,
    double? WaitedSeconds);
