using ProxmoxMcp.Configuration;
using ProxmoxMcp.Tools;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Exec;

/// <summary>
/// PROXMOX_EXEC_ALLOW: the guests in-guest execution may touch (vmids, or tag:NAME); all when unset.
/// PROXMOX_WRITE_SCOPE=tagged applies too: a command inside a guest changes it, and so do PROXMOX_TIERS
/// and PROXMOX_CONFIRM: the call must be an exposed exec tool's, confirmed by the person where a rule
/// covers it. The safety policy checks the same for the guest agent's exec; for containers (pct exec
/// over SSH, no API call) and qm guest exec over SSH this is the check under the tool. A preview is not
/// refused for want of a yes: it runs nothing, and reports the yes the real call will ask for.
/// </summary>
public sealed class ExecGuard(ProxmoxOptions options, WriteScopeGuard scope)
{
    public void EnsureAllowed(GuestInfo guest)
    {
        if (options.ExecAllowVmids.Count > 0 && !options.ExecAllowVmids.Contains(guest.Vmid))
        {
            throw new ToolInputException($"Running commands in {guest.Label} is not allowed: PROXMOX_EXEC_ALLOW lists only {string.Join(", ", options.ExecAllowVmids.Order())}.");
        }
        if (options.ExecAllowTag is { } tag && !guest.Tags.Contains(tag, StringComparer.Ordinal))
        {
            throw new ToolInputException($"Running commands in {guest.Label} is not allowed: PROXMOX_EXEC_ALLOW requires the tag '{tag}', which it does not carry.");
        }
        scope.EnsureWritable(guest);
        var call = Safety.Policy.PolicyCaller.Current.Call;
        if (call is null || call.Tier != ToolTier.GuestExec || !options.Exposes(ToolTier.GuestExec))
        {
            throw new Safety.SafetyRefusedException($"Running commands in {guest.Label} refused: only an exposed exec tool's call may, with PROXMOX_ENABLE_EXEC=true and exec in PROXMOX_TIERS.");
        }
        if (!call.Confirmed && call.Preview is null && (options.Confirm.AlwaysFor(call.Tool, call.Tier) || guest.Tags.Any(options.Confirm.TagsFor(call.Tier).Contains)))
        {
            throw new Safety.SafetyRefusedException($"Running commands in {guest.Label} refused: PROXMOX_CONFIRM={options.Confirm} requires the person's confirmation and this call has none.");
        }
    }
}
