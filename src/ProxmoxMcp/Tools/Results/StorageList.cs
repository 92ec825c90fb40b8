namespace ProxmoxMcp.Tools.Results;

/// <summary>Storages of the online nodes.</summary>
public sealed record StorageList(IReadOnlyList<StorageSummary> Storages, IReadOnlyList<string> OfflineNodes);
