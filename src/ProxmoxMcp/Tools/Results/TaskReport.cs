namespace ProxmoxMcp.Tools.Results;

/// <summary>Where a task stands.</summary>
/// <param name="Upid">The task id.</param>
/// <param name="Node">The node it runs on.</param>
/// <param name="Type">The task type.</param>
/// <param name="Status">running or stopped.</param>
/// <param name="ExitStatus">OK, "WARNINGS: n" or the error, once stopped.</param>
/// <param name="Succeeded">True when it stopped with OK or warnings.</param>
/// <param name="WaitedSeconds">How long this call waited.</param>
/// <param name="Log">The last lines of the task log.</param>
public sealed record TaskReport(string Upid, string Node, string Type, string Status, string? ExitStatus, bool Succeeded, double WaitedSeconds, IReadOnlyList<string> Log);
