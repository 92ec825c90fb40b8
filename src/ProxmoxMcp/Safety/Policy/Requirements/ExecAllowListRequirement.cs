namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>The guest in the path is one PROXMOX_EXEC_ALLOW names (by vmid, or by a tag it carries now).</summary>
public sealed class ExecAllowListRequirement : PolicyRequirement
{
    public override async Task<string?> CheckAsync(PolicyContext context)
    {
        var vmid = context.PathVmid ?? 0;
        var settings = context.Settings;
        if (settings.ExecAllowVmids.Count > 0 && !settings.ExecAllowVmids.Contains(vmid))
        {
            return $"PROXMOX_EXEC_ALLOW does not list guest {vmid}";
        }
        if (settings.ExecAllowTag is { } tag)
        {
            var guest = await context.Facts.FindGuestAsync(vmid, context.CancellationToken).ConfigureAwait(false);
            if (guest is null || !guest.Tags.Contains(tag, StringComparer.Ordinal))
            {
                return $"guest {vmid} does not carry the tag '{tag}' that PROXMOX_EXEC_ALLOW requires";
            }
        }
        return null;
    }

    public override string Canonical => "exec-allow-list(path vmid)";
}
