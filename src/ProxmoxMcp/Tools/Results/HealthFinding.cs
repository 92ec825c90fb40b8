namespace ProxmoxMcp.Tools.Results;

/// <summary>One problem cluster_health found.</summary>
/// <param name="Severity">critical, warning or info.</param>
/// <param name="Check">The check that found it (nodes, storage, tasks, backups, ...).</param>
/// <param name="Subject">What it is about: a node, storage, guest, task or package set.</param>
/// <param name="Message">What is wrong, with the numbers.</param>
/// <param name="Next">The tool call that looks closer.</param>
/// <param name="Node">The node concerned, if one is.</param>
/// <param name="Vmid">The guest concerned, if one is.</param>
public sealed record HealthFinding(FindingSeverity Severity, string Check, string Subject, string Message, string Next, string? Node = null, int? Vmid = null);
