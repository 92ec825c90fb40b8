using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Safety.Policy;

/// <summary>
/// What every change must have behind it, whatever the operation: a tool call of a tier that changes
/// things (B to D'), a tier the operator exposes (PROXMOX_TIERS), and a person's yes when the operator's
/// confirmation rules (PROXMOX_CONFIRM) cover the tool, its tier, or a guest the request touches.
/// The tool base class asks for that yes before it runs the tool; this is the wall under it, so a tool
/// that forgot to ask, or a request aimed at a guest the tool did not announce, is still refused.
/// </summary>
public static class CallGate
{
    /// <summary>Null when the write may proceed; otherwise why not.</summary>
    public static async Task<string?> ProblemAsync(PolicyContext context)
    {
        var settings = context.Settings;
        if (context.Caller.Call is not { } call)
        {
            return "changes are made only inside a tool call, and this request has none";
        }
        if (call.Tier == ToolTier.Read)
        {
            return $"{call.Tool} is a read tool (tier A) and never changes anything";
        }
        if (!settings.Exposes(call.Tier))
        {
            return $"{call.Tool} belongs to the {ToolTierNames.Name(call.Tier)} tier, which this server does not expose (PROXMOX_TIERS={string.Join(",", settings.Tiers.Order().Select(ToolTierNames.Name))})";
        }
        if (call.Preview is not null)
        {
            // A dry run sends no change whatever this says (the interceptor records it instead), and the yes the
            // real call would need is the preview's to report, from the confirmation rules themselves.
            return null;
        }
        if (call.Confirmed)
        {
            return call.Approves(context.Request)
                ? null
                : "it is not one of the changes the person confirmed (the guest or the cluster changed after the preview they read); nothing was sent, so ask again";
        }
        if (settings.Confirm.IsEmpty)
        {
            return null;
        }
        if (settings.Confirm.AlwaysFor(call.Tool, call.Tier))
        {
            return $"{call.Tool} needs a person's confirmation (PROXMOX_CONFIRM={settings.Confirm}) and this call has none";
        }
        var tags = settings.Confirm.TagsFor(call.Tier);
        if (tags.Count == 0)
        {
            return null;
        }
        if (context.Parameter("tags") is { } requested && Rules.TagListRule.Split(requested).FirstOrDefault(tags.Contains) is { } added)
        {
            return $"it sets the tag '{added}', which needs a person's confirmation (PROXMOX_CONFIRM={settings.Confirm}), and this call has none";
        }
        foreach (var vmid in new[] { context.PathVmid, ParameterVmid(context) })
        {
            if (vmid is { } id && await context.Facts.FindGuestAsync(id, context.CancellationToken).ConfigureAwait(false) is { } guest
                && guest.Tags.FirstOrDefault(tags.Contains) is { } tag)
            {
                return $"guest {id} carries the tag '{tag}', which needs a person's confirmation (PROXMOX_CONFIRM={settings.Confirm}), and this call has none";
            }
        }
        return null;
    }

    /// <summary>A guest named in the body rather than the path (vzdump's vmid).</summary>
    private static int? ParameterVmid(PolicyContext context) =>
        context.PathVmid is null && int.TryParse(context.Parameter("vmid"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var vmid) ? vmid : null;
}
