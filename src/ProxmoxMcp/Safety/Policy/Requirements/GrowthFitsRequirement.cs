using ProxmoxMcp.Api;

namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>Growing a disk by +N fits in the free space of the storage that holds the disk.</summary>
public sealed class GrowthFitsRequirement : PolicyRequirement
{
    public override async Task<string?> CheckAsync(PolicyContext context)
    {
        var disk = context.Parameter("disk") ?? string.Empty;
        var size = context.Parameter("size") ?? string.Empty;
        if (!size.StartsWith('+') || !DiskSize.TryParseBytes(size[1..], out var bytes))
        {
            return $"size '{size}' is not a relative growth such as +8G";
        }
        var config = await context.Facts.GuestConfigAsync(context.Node, context.PathKind ?? "qemu", context.PathVmid ?? 0, context.CancellationToken).ConfigureAwait(false);
        var volume = config.ValueKind == System.Text.Json.JsonValueKind.Object && config.TryGetProperty(disk, out var v) ? v.ToString() : null;
        if (volume is null || SpaceCheck.StorageOf(volume) is not { } storage)
        {
            return $"disk '{disk}' is not a volume on a storage of guest {context.PathVmid}";
        }
        return await SpaceCheck.FitsAsync(context, context.Node, new Dictionary<string, long> { [storage] = bytes }, $"growing {disk} by {size[1..]}").ConfigureAwait(false);
    }

    public override string Canonical => "growth-fits";
}
