using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tasks;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>
/// Tier B: reversible power state. Every action is idempotent (asking for the state a guest is
/// already in succeeds and says nothing changed) and follows its task to the end, with progress.
/// </summary>
public sealed class LifecycleTools(IProxmoxApi api, GuestLocator locator, TaskTracker tracker, WriteScopeGuard scope)
{
    /// <summary>
    /// Start a VM (not a template: clone it).
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="wait">Wait for the task (false: return its UPID).</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("start_vm", ToolTier.Lifecycle)]
    public Task<PowerResult> StartVm([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Start, GuestKind.Vm, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Hard-stop a VM, like pulling the plug: unsaved data may be lost. Prefer shutdown_vm.
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="wait">Wait for it to end.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("stop_vm", ToolTier.Lifecycle)]
    public Task<PowerResult> StopVm([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Stop, GuestKind.Vm, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Shut a VM down cleanly (ACPI or guest agent). If it ignores the request, stop_vm forces it off.
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="wait">Wait for it to end.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("shutdown_vm", ToolTier.Lifecycle)]
    public Task<PowerResult> ShutdownVm([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Shutdown, GuestKind.Vm, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Reboot a running VM cleanly.
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="wait">Wait for it to end.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("reboot_vm", ToolTier.Lifecycle)]
    public Task<PowerResult> RebootVm([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Reboot, GuestKind.Vm, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Pause a running VM in memory (resume_vm continues it).
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="wait">Wait for it to end.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("suspend_vm", ToolTier.Lifecycle)]
    public Task<PowerResult> SuspendVm([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Suspend, GuestKind.Vm, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Resume a VM paused by suspend_vm.
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="wait">Wait for it to end.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("resume_vm", ToolTier.Lifecycle)]
    public Task<PowerResult> ResumeVm([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Resume, GuestKind.Vm, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Start a stopped container.
    /// </summary>
    /// <param name="vmid">The container id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="wait">Wait for it to end.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("start_container", ToolTier.Lifecycle)]
    public Task<PowerResult> StartContainer([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Start, GuestKind.Container, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Hard-stop a container. Prefer shutdown_container.
    /// </summary>
    /// <param name="vmid">The container id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="wait">Wait for it to end.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("stop_container", ToolTier.Lifecycle)]
    public Task<PowerResult> StopContainer([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Stop, GuestKind.Container, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Shut a container down cleanly.
    /// </summary>
    /// <param name="vmid">The container id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="wait">Wait for it to end.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("shutdown_container", ToolTier.Lifecycle)]
    public Task<PowerResult> ShutdownContainer([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Shutdown, GuestKind.Container, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Reboot a running container.
    /// </summary>
    /// <param name="vmid">The container id.</param>
    /// <param name="node">Its node.</param>
    /// <param name="wait">Wait for it to end.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("reboot_container", ToolTier.Lifecycle)]
    public Task<PowerResult> RebootContainer([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Reboot, GuestKind.Container, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    private async Task<PowerResult> ActAsync(PowerAction action, GuestKind kind, int vmid, string? node, bool wait, int timeoutSeconds, ToolContext? context, CancellationToken cancellationToken)
    {
        var guest = await locator.LocateAsync(vmid, node, kind, cancellationToken).ConfigureAwait(false);
        var verb = action.ToString().ToLowerInvariant();
        if (guest.Template)
        {
            throw new ToolInputException($"{guest.Label} ({guest.Name}) is a template: it cannot be started or stopped. Clone it with {(kind == GuestKind.Vm ? "clone_vm" : "clone_container")} and {verb} the clone.");
        }
        if (guest.Lock is { } held)
        {
            throw new ToolInputException($"{guest.Label} ({guest.Name}) is locked ({held}) by a running operation; wait for it (list_tasks running_only=true) and try again.");
        }
        scope.EnsureWritable(guest);

        var statusPath = ApiPath.Build("nodes", guest.Node, guest.ApiKind, vmid, "status", "current");
        var current = await api.GetAsync(statusPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        var running = current.String("status") == "running";
        var paused = current.String("qmpstatus") is "paused" or "suspended";
        var state = running ? (paused ? "running (paused)" : "running") : current.String("status") ?? "unknown";

        var unchanged = action switch
        {
            PowerAction.Start when running => paused ? $"{guest.Label} ({guest.Name}) is already running but paused; resume it with resume_vm." : $"{guest.Label} ({guest.Name}) is already running; nothing changed.",
            PowerAction.Stop or PowerAction.Shutdown when !running => $"{guest.Label} ({guest.Name}) is already stopped; nothing changed.",
            PowerAction.Suspend when paused => $"{guest.Label} ({guest.Name}) is already paused; nothing changed.",
            PowerAction.Resume when running && !paused => $"{guest.Label} ({guest.Name}) is running and not paused; nothing changed.",
            _ => null,
        };
        if (unchanged is not null)
        {
            return new PowerResult(vmid, guest.Name, kind, guest.Node, verb, false, "unchanged", unchanged, null, null, null);
        }
        if (!running && action is PowerAction.Reboot or PowerAction.Suspend or PowerAction.Resume)
        {
            var start = kind == GuestKind.Vm ? "start_vm" : "start_container";
            throw new ToolInputException($"{guest.Label} ({guest.Name}) is not running (status: {state}); start it with {start} first.");
        }

        var upid = (await api.PostAsync(ApiPath.Build("nodes", guest.Node, guest.ApiKind, vmid, "status", verb), cancellationToken: cancellationToken).ConfigureAwait(false)).GetString()
            ?? throw new ToolInputException($"Proxmox accepted the {verb} of {guest.Label} but returned no task id.");
        if (!wait)
        {
            return new PowerResult(vmid, guest.Name, kind, guest.Node, verb, true, "started", $"{verb} of {guest.Label} ({guest.Name}) started; follow it with task_status.", upid, null, null);
        }
        var outcome = await tracker.WaitAsync(upid, WaitBudget.From(timeoutSeconds), context?.Progress ?? ToolProgress.None, $"{verb} {guest.Label}", cancellationToken).ConfigureAwait(false);
        return Report(guest, verb, outcome);
    }

    private static PowerResult Report(GuestInfo guest, string verb, TaskOutcome outcome)
    {
        if (!outcome.Finished)
        {
            return new PowerResult(guest.Vmid, guest.Name, guest.Kind, guest.Node, verb, true, "still_running",
                $"{verb} of {guest.Label} ({guest.Name}) is still running after {outcome.WaitedSeconds.ToString(CultureInfo.InvariantCulture)} s; follow it with task_status.",
                outcome.Upid, null, outcome.WaitedSeconds);
        }
        if (!outcome.Succeeded)
        {
            throw new ToolInputException(TaskFailure.Describe($"{verb} of {guest.Label} ({guest.Name})", outcome));
        }
        var message = $"{verb} of {guest.Label} ({guest.Name}) finished: {outcome.ExitStatus}.";
        return new PowerResult(guest.Vmid, guest.Name, guest.Kind, guest.Node, verb, true, "done", message, outcome.Upid, outcome.ExitStatus, outcome.WaitedSeconds);
    }

    private enum PowerAction
    {
        Start,
        Stop,
        Shutdown,
        Reboot,
        Suspend,
        Resume,
    }
}
