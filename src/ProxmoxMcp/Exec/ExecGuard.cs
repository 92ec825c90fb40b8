using ProxmoxMcp.Configuration;
using ProxmoxMcp.Tools;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Exec;

/// <summary>
/// PROXMOX_EXEC_ALLOW: the guests in-guest execution may touch (vmids, or tag:NAME); all when unset.
/// PROXMOX_WRITE_SCOPE=tagged applies too: a command inside a guest changes it. The safety policy
/// checks the same for the guest agent's exec; for containers (pct exec over SSH, no API call) this is
/// the check.
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
    }
}
