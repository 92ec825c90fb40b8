using System.Globalization;

namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>A new guest never takes a vmid that PROXMOX_EXEC_ALLOW names: creating one would widen in-guest execution from inside.</summary>
public sealed class NewGuestIdRequirement(string parameter) : PolicyRequirement
{
    public override Task<string?> CheckAsync(PolicyContext context)
    {
        var text = context.Parameter(parameter);
        var listed = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var vmid) && context.Settings.ExecAllowVmids.Contains(vmid);
        return Task.FromResult(listed
            ? $"{parameter}={vmid} is a vmid PROXMOX_EXEC_ALLOW names; a guest made by the agent may not take it, or the agent could grant itself in-guest execution"
            : null);
    }

    public override string Canonical => $"new-guest-id({parameter})";
}
