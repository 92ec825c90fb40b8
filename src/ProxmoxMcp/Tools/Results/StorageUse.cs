namespace ProxmoxMcp.Tools.Results;

/// <summary>What a new guest would take from a storage, and its free space before and after.</summary>
public sealed record StorageUse(string Storage, long Bytes, long? FreeBefore, long? FreeAfter);
