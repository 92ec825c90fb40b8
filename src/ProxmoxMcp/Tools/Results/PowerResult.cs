namespace ProxmoxMcp.Tools.Results;

/// <summary>The outcome of a power action.</summary>
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
