namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>In-guest execution is on (PROXMOX_ENABLE_EXEC=true) and the caller is one of the exec tools.</summary>
public sealed class ExecEnabledRequirement : PolicyRequirement
{
    public override Task<string?> CheckAsync(PolicyContext context) => Task.FromResult(
        !context.Settings.EnableExec ? "in-guest execution is off; a human can enable it with PROXMOX_ENABLE_EXEC=true"
        : context.Caller.Role != CallerRole.GuestExec ? $"only the exec tools may do this, not {context.Caller.Tool}"
        : null);

    public override string Canonical => "exec-enabled-and-exec-caller";
}
