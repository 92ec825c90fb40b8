namespace ProxmoxMcp.Tools.Results;

/// <summary>Recent tasks, newest first.</summary>
/// <param name="Tasks">The tasks.</param>
public sealed record TaskList(IReadOnlyList<TaskSummary> Tasks);
