namespace ProxmoxMcp.Tools.Results;

/// <summary>One volume on a storage.</summary>
public sealed record StorageItem(string Volid, string Content, string? Format, double? SizeMib, int? Vmid, DateTimeOffset? Created, string? Notes);
