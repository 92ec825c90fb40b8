using System.Text.Json;

namespace ProxmoxMcp.Safety.Policy;

/// <summary>
/// Reads of the cluster's current state that some requirements need (a guest's tags, its disks, a
/// storage's free space). Implemented over the unguarded API client: these are fixed internal reads.
/// </summary>
public interface IPolicyFacts
{
    Task<GuestFacts?> FindGuestAsync(int vmid, CancellationToken cancellationToken);

    Task<JsonElement> GuestConfigAsync(string node, string apiKind, int vmid, CancellationToken cancellationToken);

    /// <summary>The size of the guest's newest backup on a storage, or null when it has none there.</summary>
    Task<long?> LatestBackupBytesAsync(string node, string storage, int vmid, CancellationToken cancellationToken);

    /// <summary>Free bytes of a storage on a node; null when the node has no such storage.</summary>
    Task<long?> StorageAvailableAsync(string node, string storage, CancellationToken cancellationToken);
}
