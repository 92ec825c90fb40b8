namespace ProxmoxMcp.Tools.Results;

/// <summary>One line of the cluster log.</summary>
/// <param name="Time">When.</param>
/// <param name="Node">On which node.</param>
/// <param name="User">Who.</param>
/// <param name="Tag">The service that wrote it.</param>
/// <param name="Priority">emerg, alert, crit, err, warning, notice, info, debug.</param>
/// <param name="Message">The message.</param>
public sealed record ClusterLogLine(DateTimeOffset? Time, string? Node, string? User, string? Tag, string? Priority, string Message);
