namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>
/// A volume key (scsiN, mpN, ideN, efidisk0, ...) may only be set where the guest has none yet: setting
/// it over an existing one would detach that disk, mount point, CD or cloud-init drive.
/// </summary>
public sealed class VolumeKeysFreeRequirement : PolicyRequirement
{
    public override async Task<string?> CheckAsync(PolicyContext context)
    {
        var keys = context.Request.Parameters.Select(p => p.Key).Where(IsVolumeKey).ToList();
        if (keys.Count == 0)
        {
            return null;
        }
        var config = await context.Facts.GuestConfigAsync(context.Node, context.PathKind ?? "qemu", context.PathVmid ?? 0, context.CancellationToken).ConfigureAwait(false);
        foreach (var key in keys)
        {
            if (config.ValueKind == System.Text.Json.JsonValueKind.Object && config.TryGetProperty(key, out var existing))
            {
                return $"{key} already holds {existing}; setting it again would detach that volume";
            }
        }
        return null;
    }

    private static bool IsVolumeKey(string key) =>
        System.Text.RegularExpressions.Regex.IsMatch(key, @"^((scsi|virtio|sata|ide|mp)\d+|rootfs|efidisk0|tpmstate0)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public override string Canonical => "volume-keys-free";
}
