namespace ProxmoxMcp.Tools.Results;

/// <summary>A guest created or cloned.</summary>
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
