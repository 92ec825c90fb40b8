namespace ProxmoxMcp.Tools.Results;

/// <summary>Recent tasks, newest first.</summary>
public sealed record TaskList(IReadOnlyList<TaskSummary> Tasks);
