namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>A clone copies its source's tags: a source carrying the exec tag would hand the clone in-guest execution.</summary>
public sealed class CloneSourceRequirement : PolicyRequirement
{
    public override async Task<string?> CheckAsync(PolicyContext context)
    {
        if (context.Settings.ExecAllowTag is not { } exec)
        {
            return null;
        }
        var vmid = context.PathVmid ?? 0;
        var source = await context.Facts.FindGuestAsync(vmid, context.CancellationToken).ConfigureAwait(false);
        return source is not null && source.Tags.Contains(exec, StringComparer.Ordinal)
            ? $"guest {vmid} carries '{exec}', the tag PROXMOX_EXEC_ALLOW grants in-guest execution with, and a clone would copy it; a human can clone it"
            : null;
    }

    public override string Canonical => "clone-source-without-exec-tag";
}
