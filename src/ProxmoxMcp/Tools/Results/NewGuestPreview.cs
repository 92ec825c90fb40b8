namespace ProxmoxMcp.Tools.Results;

/// <summary>The guest a create or clone would make.</summary>
public sealed record NewGuestPreview(int Vmid, GuestKind Type, string Node, IReadOnlyDictionary<string, string> Config, IReadOnlyList<StorageUse> Storage);
