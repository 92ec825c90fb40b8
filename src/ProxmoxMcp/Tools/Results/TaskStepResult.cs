namespace ProxmoxMcp.Tools.Results;

/// <summary>The outcome of a snapshot, backup or disk growth.</summary>
public sealed record TaskStepResult(int Vmid, GuestKind Type, string Node, string Action, string Status, string Message, string? Result, string? Upid, string? ExitStatus, double? WaitedSeconds, SafetySnapshot? SafetySnapshot = null);
