namespace ProxmoxMcp.Tools.Results;

/// <summary>What one storage on one node holds.</summary>
public sealed record StorageContent(string Node, string Storage, IReadOnlyList<StorageItem> Items, int Total, bool Truncated);
