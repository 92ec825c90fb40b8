namespace ProxmoxMcp.Tools.Results;

/// <summary>Storages of the online nodes.</summary>
/// <param name="Storages">One entry per storage and node.</param>
/// <param name="OfflineNodes">Nodes skipped because they are offline.</param>
public sealed record StorageList(IReadOnlyList<StorageSummary> Storages, IReadOnlyList<string> OfflineNodes);
