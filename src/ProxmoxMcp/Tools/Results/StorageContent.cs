namespace ProxmoxMcp.Tools.Results;

/// <summary>What one storage on one node holds.</summary>
/// <param name="Node">The node.</param>
/// <param name="Storage">The storage.</param>
/// <param name="Items">The volumes, at most the limit.</param>
/// <param name="Total">How many matched before the limit.</param>
/// <param name="Truncated">True when more matched than were returned.</param>
public sealed record StorageContent(string Node, string Storage, IReadOnlyList<StorageItem> Items, int Total, bool Truncated);
