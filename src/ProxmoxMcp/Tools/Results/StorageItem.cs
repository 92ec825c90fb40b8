namespace ProxmoxMcp.Tools.Results;

/// <summary>One volume on a storage.</summary>
/// <param name="Volid">The volume id, as create and clone tools take it (e.g. local:iso/debian.iso).</param>
/// <param name="Content">iso, vztmpl, backup, images or rootdir.</param>
/// <param name="Format">File format.</param>
/// <param name="SizeMib">Size, MiB.</param>
/// <param name="Vmid">The guest it belongs to, for disks and backups.</param>
/// <param name="Created">When it was created.</param>
/// <param name="Notes">Backup notes.</param>
public sealed record StorageItem(string Volid, string Content, string? Format, double? SizeMib, int? Vmid, DateTimeOffset? Created, string? Notes);
