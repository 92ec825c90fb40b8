using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tasks;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>Tier C, data: snapshots (never rolled back), backups (never pruning), disks (only growing).</summary>
public sealed partial class ProvisioningTools
{
    /// <summary>
    /// Snapshot a VM or container, e.g. before an upgrade. Rollback and removal stay with a human.
    /// </summary>
    /// <param name="vmid">VM or container id.</param>
    /// <param name="name">Snapshot name.</param>
    /// <param name="description">What it is for.</param>
    /// <param name="includeMemory">Save a running VM's memory too.</param>
    /// <param name="node">Its node.</param>
    /// <param name="wait">Wait for it to end.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("create_snapshot", ToolTier.Provision)]
    public async Task<TaskStepResult> CreateSnapshot(
        [Range(100, 999_999_999)] int vmid,
        [RegularExpression(ToolPatterns.SnapshotName)] string name,
        [MaxLength(8192)] string? description = null,
        bool includeMemory = false,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = 600,
        ToolContext? context = null,
        CancellationToken cancellationToken = default)
    {
        var guest = await locator.LocateAnyAsync(vmid, node, cancellationToken).ConfigureAwait(false);
        scope.EnsureWritable(guest);
        if (includeMemory && guest.Kind == GuestKind.Container)
        {
            throw new ToolInputException("Container snapshots cannot include memory; leave includeMemory out.");
        }
        if (name == "current")
        {
            throw new ToolInputException("'current' is reserved by Proxmox for the present state; choose another snapshot name.");
        }
        var path = ApiPath.Build("nodes", guest.Node, guest.ApiKind, vmid, "snapshot");
        var existing = await api.GetAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (existing.Items().Any(s => s.String("name") == name))
        {
            throw new ToolInputException($"{guest.Label} already has a snapshot named '{name}'; choose another name (list_snapshots shows them).");
        }
        var parameters = new ProxmoxParameters().Add("snapname", name).Add("description", description).Add("vmstate", guest.Kind == GuestKind.Vm && includeMemory ? true : null);
        await PreflightAsync("POST", path, parameters, cancellationToken).ConfigureAwait(false);
        var upid = await PostForTaskAsync(path, parameters, $"snapshot {guest.Label}", cancellationToken).ConfigureAwait(false);
        return await StepAsync(guest, "snapshot", upid, name, wait, timeoutSeconds, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Back up a VM or container with vzdump. Never prunes older backups. Returns the backup's volume id.
    /// </summary>
    /// <param name="vmid">VM or container id.</param>
    /// <param name="storage">Backup storage; default: the first on its node.</param>
    /// <param name="mode">snapshot is live; stop stops the guest meanwhile.</param>
    /// <param name="compression">Compression.</param>
    /// <param name="notes">Notes.</param>
    /// <param name="protect">Protect it from removal.</param>
    /// <param name="node">Its node.</param>
    /// <param name="wait">Wait for it to end.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("backup_guest", ToolTier.Provision)]
    public async Task<TaskStepResult> BackupGuest(
        [Range(100, 999_999_999)] int vmid,
        [RegularExpression(ToolPatterns.Storage)] string? storage = null,
        BackupMode mode = BackupMode.Snapshot,
        BackupCompression compression = BackupCompression.Zstd,
        [RegularExpression("^[^\\x00-\\x1f\\x7f]{1,1024}$")] string? notes = null,
        bool protect = false,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = 1800,
        ToolContext? context = null,
        CancellationToken cancellationToken = default)
    {
        var guest = await locator.LocateAnyAsync(vmid, node, cancellationToken).ConfigureAwait(false);
        scope.EnsureWritable(guest);
        var target = storage ?? await ChooseStorageAsync(guest.Node, "backup", cancellationToken).ConfigureAwait(false);
        var parameters = new ProxmoxParameters()
            .Add("vmid", vmid.ToString(CultureInfo.InvariantCulture))
            .Add("storage", target)
            .Add("mode", NameOf(mode))
            .Add("compress", compression == BackupCompression.None ? "0" : NameOf(compression))
            .Add("remove", false)
            .Add("notes-template", notes)
            .Add("protected", protect ? true : null);
        var path = ApiPath.Build("nodes", guest.Node, "vzdump");
        await PreflightAsync("POST", path, parameters, cancellationToken).ConfigureAwait(false);
        var upid = await PostForTaskAsync(path, parameters, $"back up {guest.Label}", cancellationToken).ConfigureAwait(false);
        // The task id carries its start time by the node's clock, which is what the backup's ctime uses too.
        var started = Upid.Parse(upid).StartTime.AddSeconds(-5);
        var result = await StepAsync(guest, "backup", upid, null, wait, timeoutSeconds, context, cancellationToken).ConfigureAwait(false);
        if (result.Status != "done")
        {
            return result;
        }
        var backups = await api.GetAsync(ApiPath.Build("nodes", guest.Node, "storage", target, "content"),
            new ProxmoxParameters().Add("content", "backup").Add("vmid", (long)vmid), cancellationToken).ConfigureAwait(false);
        var newest = backups.Items().OrderByDescending(b => b.Int64("ctime") ?? 0).FirstOrDefault(b => Units.FromUnix(b.Int64("ctime")) >= started);
        var volid = newest.ValueKind == System.Text.Json.JsonValueKind.Object ? newest.String("volid") : null;
        return result with { Result = volid, Message = result.Message + (volid is null ? string.Empty : $" Backup: {volid}.") };
    }

    /// <summary>
    /// Grow a disk: "+8G" adds 8 GiB, "40G" sets a larger total. Never shrinks. Grow the file system inside too.
    /// </summary>
    /// <param name="vmid">VM or container id.</param>
    /// <param name="disk">e.g. scsi0 (VM), rootfs or mp0 (container).</param>
    /// <param name="size">+8G, or a new total such as 40G.</param>
    /// <param name="node">Its node.</param>
    /// <param name="wait">Wait for it to end.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("resize_disk", ToolTier.Provision)]
    public async Task<TaskStepResult> ResizeDisk(
        [Range(100, 999_999_999)] int vmid,
        [RegularExpression(ToolPatterns.DiskKey)] string disk,
        [RegularExpression(ToolPatterns.DiskSize)] string size,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = 600,
        ToolContext? context = null,
        CancellationToken cancellationToken = default)
    {
        var guest = await locator.LocateAnyAsync(vmid, node, cancellationToken).ConfigureAwait(false);
        scope.EnsureWritable(guest);
        var configPath = ApiPath.Build("nodes", guest.Node, guest.ApiKind, vmid, "config");
        var config = await api.GetAsync(configPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        var value = config.String(disk)
            ?? throw new ToolInputException($"{guest.Label} has no disk '{disk}'; its disks are listed by {(guest.Kind == GuestKind.Vm ? "vm_config" : "container_config")}.");
        if (value.Contains("media=cdrom", StringComparison.Ordinal))
        {
            throw new ToolInputException($"{disk} of {guest.Label} is a CD drive, not a disk.");
        }
        var currentBytes = DiskSize.CurrentBytes(value)
            ?? throw new ToolInputException($"The size of {disk} ({value}) is not recorded in the configuration, so growth cannot be checked; nothing was changed.");
        var relative = size.StartsWith('+');
        if (!DiskSize.TryParseBytes(relative ? size[1..] : size, out var requested) || requested > 1L << 50)
        {
            throw new ToolInputException($"'{size}' is too large a size; nothing was changed.");
        }
        var delta = relative ? requested : requested - currentBytes;
        if (delta < 0)
        {
            throw new ToolInputException($"{disk} of {guest.Label} is {DiskSize.Format(currentBytes)}; {size} would shrink it, which is refused (disks only grow).");
        }
        if (delta == 0)
        {
            return new TaskStepResult(vmid, guest.Kind, guest.Node, "resize", "unchanged", $"{disk} of {guest.Label} is already {DiskSize.Format(currentBytes)}; nothing changed.", DiskSize.Format(currentBytes), null, null, null);
        }
        var digest = config.String("digest");
        var path = ApiPath.Build("nodes", guest.Node, guest.ApiKind, vmid, "resize");
        var growth = DiskSize.Relative(delta);
        await PreflightAsync("PUT", path, new ProxmoxParameters().Add("disk", disk).Add("size", growth).Add("digest", digest), cancellationToken).ConfigureAwait(false);
        var safety = await snapshots.TakeAsync(Configuration.SnapshotTrigger.Resize, "resize_disk", guest, config, $"{disk} {growth}, configuration digest {digest}", cancellationToken).ConfigureAwait(false);
        if (safety?.Name is not null)
        {
            digest = await snapshots.DigestAfterAsync(guest, config, safety, cancellationToken).ConfigureAwait(false);
        }
        var parameters = new ProxmoxParameters().Add("disk", disk).Add("size", growth).Add("digest", digest);
        var answer = await api.PutAsync(path, parameters, cancellationToken).ConfigureAwait(false);
        var newSize = DiskSize.Format(currentBytes + delta);
        var noted = safety is null ? string.Empty : " " + SafetySnapshot.Describe(safety);
        if (answer.ValueKind != System.Text.Json.JsonValueKind.String)
        {
            // Older servers resize synchronously and return nothing.
            return new TaskStepResult(vmid, guest.Kind, guest.Node, "resize", "done", $"{disk} of {guest.Label} grew to {newSize}.{noted}", newSize, null, null, null, safety);
        }
        var result = await StepAsync(guest, "resize", answer.GetString()!, newSize, wait, timeoutSeconds, context, cancellationToken).ConfigureAwait(false);
        if (result.Status == "done")
        {
            result = result with { Message = $"{disk} of {guest.Label} grew from {DiskSize.Format(currentBytes)} to {newSize}; grow the file system inside to use it." };
        }
        return result with { Message = result.Message + noted, SafetySnapshot = safety };
    }

    private async Task<TaskStepResult> StepAsync(GuestInfo guest, string action, string upid, string? made, bool wait, int timeoutSeconds, ToolContext? context, CancellationToken cancellationToken)
    {
        if (!wait)
        {
            return new TaskStepResult(guest.Vmid, guest.Kind, guest.Node, action, "started", $"{action} of {guest.Label} started; follow it with task_status.", made, upid, null, null);
        }
        var outcome = await tracker.WaitAsync(upid, WaitBudget.From(timeoutSeconds), context?.Progress ?? ToolProgress.None, $"{action} {guest.Label}", cancellationToken).ConfigureAwait(false);
        if (!outcome.Finished)
        {
            return new TaskStepResult(guest.Vmid, guest.Kind, guest.Node, action, "still_running",
                $"{action} of {guest.Label} is still running after {outcome.WaitedSeconds.ToString(CultureInfo.InvariantCulture)} s; follow it with task_status.", made, upid, null, outcome.WaitedSeconds);
        }
        if (!outcome.Succeeded)
        {
            throw new ToolInputException(TaskFailure.Describe($"{action} of {guest.Label} ({guest.Name})", outcome));
        }
        return new TaskStepResult(guest.Vmid, guest.Kind, guest.Node, action, "done", $"{action} of {guest.Label} ({guest.Name}) finished: {outcome.ExitStatus}.", made, upid, outcome.ExitStatus, outcome.WaitedSeconds);
    }
}
