namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>
/// Snapshot names starting with mcp_ are the server's safety snapshots (PROXMOX_SNAPSHOT_BEFORE): only a
/// change that takes its safety snapshot first may use them. An agent's own snapshot under such a name
/// would pass for one a human can trust to roll back to, and would count toward PROXMOX_SNAPSHOT_KEEP.
/// </summary>
public sealed class SafetySnapshotNameRequirement : PolicyRequirement
{
    /// <summary>The tools whose changes may be preceded by a safety snapshot.</summary>
    public static readonly IReadOnlySet<string> Takers = new HashSet<string>(StringComparer.Ordinal)
    {
        "set_vm_config", "set_container_config", "resize_disk", "exec_in_vm", "exec_in_container",
    };

    public override Task<string?> CheckAsync(PolicyContext context) => Task.FromResult(
        context.Parameter("snapname") is { } name && name.StartsWith(Snapshots.SafetySnapshots.Prefix, StringComparison.OrdinalIgnoreCase) && !Takers.Contains(context.Caller.Tool)
            ? $"snapshot names starting with {Snapshots.SafetySnapshots.Prefix} (in any case) are the server's safety snapshots, taken only before a change ({string.Join(", ", Takers.Order(StringComparer.Ordinal))}); choose another name"
            : null);

    public override string Canonical => "safety-snapshot-names-for-safety-snapshots";
}
