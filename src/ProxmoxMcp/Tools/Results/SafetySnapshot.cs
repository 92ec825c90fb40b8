namespace ProxmoxMcp.Tools.Results;

/// <summary>
/// The snapshot taken before a change (PROXMOX_SNAPSHOT_BEFORE), with the command a human runs on the node to go
/// back to it (rolling back stays a human's action); or, with best-effort, why none was taken.
/// </summary>
public sealed record SafetySnapshot(string? Name, string? Rollback, string? NotTaken)
{
    /// <summary>One sentence for a result's message.</summary>
    public static string Describe(SafetySnapshot snapshot) => snapshot.Name is { } name
        ? $"Safety snapshot {name} was taken first; to go back: {snapshot.Rollback}."
        : $"Made without a safety snapshot: {snapshot.NotTaken}.";
}
