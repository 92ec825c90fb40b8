using System.Text.Json;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Exec;
using ProxmoxMcp.Safety;
using ProxmoxMcp.Safety.Policy;
using ProxmoxMcp.Tests.Safety;
using ProxmoxMcp.Tools;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tests.Confirmation;

/// <summary>
/// Exec over SSH (pct exec, qm guest exec) sends no API request for the policy to see; the exec guard is
/// the wall under the tool there: an exposed exec tool's call, confirmed where PROXMOX_CONFIRM covers it.
/// </summary>
public sealed class ExecGuardConfirmationTests
{
    private static readonly ProxmoxOptions Settings = PolicyTestSettings.Options with { Confirm = new ConfirmationRules { Tags = new HashSet<string> { "prod" } } };

    private static GuestInfo Guest(int vmid, params string[] tags) =>
        new(vmid, GuestKind.Container, "pve1", "ct", "running", false, tags, null, null, JsonDocument.Parse("{}").RootElement);

    private static ExecGuard Guard(ProxmoxOptions options) => new(options, new WriteScopeGuard(options));

    [Fact]
    public void An_unconfirmed_call_on_a_covered_guest_is_refused_and_a_confirmed_one_passes()
    {
        var call = new ToolCall("exec_in_container", ToolTier.GuestExec);
        using var caller = PolicyCaller.Enter("exec_in_container", CallerRole.GuestExec, call);

        Should.Throw<SafetyRefusedException>(() => Guard(Settings).EnsureAllowed(Guest(201, "web", "prod"))).Message.ShouldContain("PROXMOX_CONFIRM=tag:prod");
        Guard(Settings).EnsureAllowed(Guest(203, "dev"));
        call.MarkConfirmed([]);
        Guard(Settings).EnsureAllowed(Guest(201, "web", "prod"));
    }

    [Fact]
    public void Outside_an_exposed_exec_call_nothing_runs()
    {
        Should.Throw<SafetyRefusedException>(() => Guard(Settings).EnsureAllowed(Guest(203))).Message.ShouldContain("only an exposed exec tool's call");
        using (PolicyCaller.Enter("vm_status", CallerRole.Tool, new ToolCall("vm_status", ToolTier.Read)))
        {
            Should.Throw<SafetyRefusedException>(() => Guard(Settings).EnsureAllowed(Guest(203)));
        }
        using (PolicyCaller.Enter("exec_in_container", CallerRole.GuestExec, new ToolCall("exec_in_container", ToolTier.GuestExec)))
        {
            Should.Throw<SafetyRefusedException>(() => Guard(Settings with { Tiers = new HashSet<ToolTier> { ToolTier.Read } }).EnsureAllowed(Guest(203)));
        }
    }
}
