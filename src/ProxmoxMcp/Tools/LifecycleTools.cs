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
    /// Start a stopped VM and wait until Proxmox reports it started. Already running: succeeds, nothing changed.
    /// A template cannot be started: clone it with clone_vm.
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="node">The node, if known; found automatically otherwise.</param>
    /// <param name="wait">Wait for the start task to finish (false: return its task id at once).</param>
    /// <param name="timeoutSeconds">How long to wait for the task at most; after that, follow it with task_status.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("start_vm", ToolTier.Lifecycle)]
    public Task<PowerResult> StartVm([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Start, GuestKind.Vm, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Hard-stop a VM, like pulling the power plug: unsaved data in the guest may be lost. Prefer shutdown_vm; use this when the guest does not react to shutdown.
    /// Already stopped: succeeds, nothing changed.
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="node">The node, if known; found automatically otherwise.</param>
    /// <param name="wait">Wait for the stop task to finish.</param>
    /// <param name="timeoutSeconds">How long to wait for the task at most.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("stop_vm", ToolTier.Lifecycle)]
    public Task<PowerResult> StopVm([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Stop, GuestKind.Vm, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Shut a VM down cleanly through ACPI (or the guest agent), waiting until it is off. Already stopped: succeeds, nothing changed.
    /// If the guest ignores the request, the task fails when the wait runs out; stop_vm then forces it off.
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="node">The node, if known; found automatically otherwise.</param>
    /// <param name="wait">Wait for the shutdown task to finish.</param>
    /// <param name="timeoutSeconds">How long to wait for the task at most.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("shutdown_vm", ToolTier.Lifecycle)]
    public Task<PowerResult> ShutdownVm([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Shutdown, GuestKind.Vm, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Reboot a running VM cleanly ("reboot the docker VM"). The VM must be running: start it with start_vm otherwise.
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="node">The node, if known; found automatically otherwise.</param>
    /// <param name="wait">Wait for the reboot task to finish.</param>
    /// <param name="timeoutSeconds">How long to wait for the task at most.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("reboot_vm", ToolTier.Lifecycle)]
    public Task<PowerResult> RebootVm([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Reboot, GuestKind.Vm, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Pause a running VM in memory (it keeps its RAM and resumes where it was with resume_vm). Already paused: succeeds, nothing changed.
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="node">The node, if known; found automatically otherwise.</param>
    /// <param name="wait">Wait for the suspend task to finish.</param>
    /// <param name="timeoutSeconds">How long to wait for the task at most.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("suspend_vm", ToolTier.Lifecycle)]
    public Task<PowerResult> SuspendVm([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Suspend, GuestKind.Vm, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Resume a VM paused by suspend_vm. Running and not paused: succeeds, nothing changed. A stopped VM is started with start_vm instead.
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="node">The node, if known; found automatically otherwise.</param>
    /// <param name="wait">Wait for the resume task to finish.</param>
    /// <param name="timeoutSeconds">How long to wait for the task at most.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("resume_vm", ToolTier.Lifecycle)]
    public Task<PowerResult> ResumeVm([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Resume, GuestKind.Vm, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Start a stopped container and wait until it runs. Already running: succeeds, nothing changed.
    /// </summary>
    /// <param name="vmid">The container id.</param>
    /// <param name="node">The node, if known; found automatically otherwise.</param>
    /// <param name="wait">Wait for the start task to finish.</param>
    /// <param name="timeoutSeconds">How long to wait for the task at most.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("start_container", ToolTier.Lifecycle)]
    public Task<PowerResult> StartContainer([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Start, GuestKind.Container, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Hard-stop a container: its processes are killed without a clean shutdown. Prefer shutdown_container. Already stopped: succeeds, nothing changed.
    /// </summary>
    /// <param name="vmid">The container id.</param>
    /// <param name="node">The node, if known; found automatically otherwise.</param>
    /// <param name="wait">Wait for the stop task to finish.</param>
    /// <param name="timeoutSeconds">How long to wait for the task at most.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("stop_container", ToolTier.Lifecycle)]
    public Task<PowerResult> StopContainer([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Stop, GuestKind.Container, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Shut a container down cleanly and wait until it is off. Already stopped: succeeds, nothing changed.
    /// </summary>
    /// <param name="vmid">The container id.</param>
    /// <param name="node">The node, if known; found automatically otherwise.</param>
    /// <param name="wait">Wait for the shutdown task to finish.</param>
    /// <param name="timeoutSeconds">How long to wait for the task at most.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("shutdown_container", ToolTier.Lifecycle)]
    public Task<PowerResult> ShutdownContainer([Range(100, 999_999_999)] int vmid, [RegularExpression(ToolPatterns.Node)] string? node = null, bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = WaitBudget.DefaultSeconds, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        ActAsync(PowerAction.Shutdown, GuestKind.Container, vmid, node, wait, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Reboot a running container. It must be running: start it with start_container otherwise.
    /// </summary>
    /// <param name="vmid">The container id.</param>
    /// <param name="node">The node, if known; found automatically otherwise.</param>
    /// <param name="wait">Wait for the reboot task to finish.</param>
    /// <param name="timeoutSeconds">How long to wait for the task at most.</param>
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
