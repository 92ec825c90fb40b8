using System.Globalization;

namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>
/// A backup names its storage, and that storage has room for it. The estimate is the size of the
/// guest's newest backup on that storage (backups of one guest grow slowly), else its used disk space
/// where Proxmox reports it (containers), else its allocated disk size, an upper bound.
/// </summary>
public sealed class BackupFitsRequirement : PolicyRequirement
{
    public override async Task<string?> CheckAsync(PolicyContext context)
    {
        if (context.Parameter("storage") is not { } storage)
        {
            return "a backup must name its target storage";
        }
        if (!int.TryParse(context.Parameter("vmid"), NumberStyles.None, CultureInfo.InvariantCulture, out var vmid)
            || await context.Facts.FindGuestAsync(vmid, context.CancellationToken).ConfigureAwait(false) is not { } guest)
        {
            return "a backup must name one existing guest";
        }
        var previous = await context.Facts.LatestBackupBytesAsync(context.Node, storage, vmid, context.CancellationToken).ConfigureAwait(false);
        var estimate = previous ?? (guest.DiskBytes > 0 ? guest.DiskBytes : guest.MaxDiskBytes);
        return await SpaceCheck.FitsAsync(context, context.Node, new Dictionary<string, long> { [storage] = estimate }, $"a backup of guest {vmid}").ConfigureAwait(false);
    }

    public override string Canonical => "backup-fits";
}
