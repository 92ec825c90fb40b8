using System.Globalization;
using ProxmoxMcp.Api;

namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>Compares what a request would write with each target storage's free space, and words the refusal with the numbers.</summary>
internal static class SpaceCheck
{
    public static async Task<string?> FitsAsync(PolicyContext context, string node, IReadOnlyDictionary<string, long> bytesByStorage, string what)
    {
        foreach (var (storage, bytes) in bytesByStorage.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var available = await context.Facts.StorageAvailableAsync(node, storage, context.CancellationToken).ConfigureAwait(false);
            if (available is null)
            {
                return $"storage '{storage}' does not exist on node {node} (list_storage shows the storages of each node)";
            }
            if (bytes > available.Value)
            {
                return $"{what} needs {Gib(bytes)} on storage '{storage}' of node {node}, which has {Gib(available.Value)} free; nothing was allocated";
            }
        }
        return null;
    }

    /// <summary>The storage of a volume id (local-lvm:vm-101-disk-0 -> local-lvm); null for a host path.</summary>
    public static string? StorageOf(string volume)
    {
        var volid = volume.Split(',')[0];
        var colon = volid.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && !volid.StartsWith('/') ? volid[..colon] : null;
    }

    public static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GiB";

    public static void Add(Dictionary<string, long> totals, string storage, long bytes) =>
        totals[storage] = totals.GetValueOrDefault(storage) + bytes;

    /// <summary>The disks of a guest configuration: key, storage and size in bytes (CD drives and cloud-init drives left out).</summary>
    public static IEnumerable<(string Key, string? Storage, long Bytes)> Disks(System.Text.Json.JsonElement config)
    {
        if (config.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            yield break;
        }
        foreach (var property in config.EnumerateObject())
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(property.Name, @"^((scsi|virtio|sata|ide|mp)\d+|rootfs|efidisk0|tpmstate0)$"))
            {
                continue;
            }
            var value = property.Value.ToString();
            if (value.Contains("media=cdrom", StringComparison.Ordinal) || value.Contains("cloudinit", StringComparison.Ordinal))
            {
                continue;
            }
            yield return (property.Name, StorageOf(value), DiskSize.CurrentBytes(value) ?? 0);
        }
    }
}
