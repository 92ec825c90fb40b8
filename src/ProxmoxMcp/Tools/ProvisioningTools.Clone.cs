using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>Tier C, cloning: a new guest from an existing one or a template, tagged, optionally started.</summary>
public sealed partial class ProvisioningTools
{
    /// <summary>
    /// Clone a VM or template (linked from templates). Then set_vm_config for cloud-init, or start=true. Waits, then tags it.
    /// </summary>
    /// <param name="vmid">The VM or template.</param>
    /// <param name="newid">New id; a free one if omitted.</param>
    /// <param name="name">The new VM's name.</param>
    /// <param name="node">The source's node.</param>
    /// <param name="targetNode">Node for the clone.</param>
    /// <param name="full">Full copy; default: linked for templates.</param>
    /// <param name="storage">Storage for a full clone.</param>
    /// <param name="pool">Resource pool.</param>
    /// <param name="description">Notes.</param>
    /// <param name="start">Start it after.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("clone_vm", ToolTier.Provision)]
    public Task<ProvisionResult> CloneVm(
        [Range(100, 999_999_999)] int vmid,
        [Range(100, 999_999_999)] int? newid = null,
        [RegularExpression(ToolPatterns.HostName), MaxLength(63)] string? name = null,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        [RegularExpression(ToolPatterns.Node)] string? targetNode = null,
        bool? full = null,
        [RegularExpression(ToolPatterns.Storage)] string? storage = null,
        [RegularExpression(ToolPatterns.Pool)] string? pool = null,
        [MaxLength(8192)] string? description = null,
        bool start = false,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = 600,
        ToolContext? context = null,
        CancellationToken cancellationToken = default) =>
        CloneAsync(GuestKind.Vm, vmid, newid, name, node, targetNode, full, storage, pool, description, start, timeoutSeconds, context, cancellationToken);

    /// <summary>
    /// Clone a container or template (linked from templates; stop others first). Waits, then tags it.
    /// </summary>
    /// <param name="vmid">The container or template.</param>
    /// <param name="newid">New id; a free one if omitted.</param>
    /// <param name="hostname">Host name.</param>
    /// <param name="node">The source's node.</param>
    /// <param name="targetNode">Node for the clone.</param>
    /// <param name="full">Full copy; default: linked for templates.</param>
    /// <param name="storage">Storage for a full clone.</param>
    /// <param name="pool">Resource pool.</param>
    /// <param name="description">Notes.</param>
    /// <param name="start">Start it after.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("clone_container", ToolTier.Provision)]
    public Task<ProvisionResult> CloneContainer(
        [Range(100, 999_999_999)] int vmid,
        [Range(100, 999_999_999)] int? newid = null,
        [RegularExpression(ToolPatterns.HostName), MaxLength(255)] string? hostname = null,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        [RegularExpression(ToolPatterns.Node)] string? targetNode = null,
        bool? full = null,
        [RegularExpression(ToolPatterns.Storage)] string? storage = null,
        [RegularExpression(ToolPatterns.Pool)] string? pool = null,
        [MaxLength(8192)] string? description = null,
        bool start = false,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = 600,
        ToolContext? context = null,
        CancellationToken cancellationToken = default) =>
        CloneAsync(GuestKind.Container, vmid, newid, hostname, node, targetNode, full, storage, pool, description, start, timeoutSeconds, context, cancellationToken);

    private async Task<ProvisionResult> CloneAsync(GuestKind kind, int vmid, int? newid, string? name, string? node, string? targetNode, bool? full, string? storage,
        string? pool, string? description, bool start, int timeoutSeconds, ToolContext? context, CancellationToken cancellationToken)
    {
        var source = await locator.LocateAsync(vmid, node, kind, cancellationToken).ConfigureAwait(false);
        if (options.ExecAllowTag is { } execTag && source.Tags.Contains(execTag, StringComparer.OrdinalIgnoreCase))
        {
            throw new ToolInputException($"{source.Label} ({source.Name}) carries '{execTag}', the tag PROXMOX_EXEC_ALLOW grants in-guest execution with, and a clone would copy it; a human can clone it in the Proxmox UI. Nothing was cloned.");
        }
        if (!source.Template)
        {
            // A clone of a guest is a copy of its data: within the write scope only, unless it is a template.
            scope.EnsureWritable(source);
        }
        if (full == false && !source.Template)
        {
            throw new ToolInputException($"A linked clone needs a template, and {source.Label} ({source.Name}) is not one; leave 'full' out or set it to true for a full copy.");
        }
        var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        var target = targetNode is null ? source.Node : ChooseOnlineNode(snapshot, targetNode);
        var id = ChooseVmid(snapshot, newid);
        var nameKey = kind == GuestKind.Vm ? "name" : "hostname";
        var cloneName = name ?? $"{source.Name}-clone";
        var parameters = new ProxmoxParameters()
            .Add("newid", (long)id)
            .Add(nameKey, cloneName)
            .Add("target", targetNode is null ? null : target)
            .Add("full", full)
            .Add("storage", storage)
            .Add("pool", pool)
            .Add("description", description);
        var path = ApiPath.Build("nodes", source.Node, source.ApiKind, vmid, "clone");
        await PreflightAsync("POST", path, parameters, cancellationToken).ConfigureAwait(false);
        var label = $"{(kind == GuestKind.Vm ? "VM" : "container")} {id} ({cloneName})";
        var upid = await PostForTaskAsync(path, parameters, $"clone {source.Label}", cancellationToken).ConfigureAwait(false);

        var budget = WaitBudget.From(timeoutSeconds);
        var progress = context?.Progress ?? ToolProgress.None;
        var outcome = await tracker.WaitAsync(upid, budget, progress, $"clone {source.Label} to {id}", cancellationToken).ConfigureAwait(false);
        if (!outcome.Finished)
        {
            return new ProvisionResult(id, cloneName, kind, target, "clone", "still_running", false, [],
                $"The clone of {source.Label} to {label} is still running after {outcome.WaitedSeconds.ToString(CultureInfo.InvariantCulture)} s; task_status follows it. The server tags only the clones it sees finish, so this one will lack the tag '{options.CreatedTag}', which only a human can add (in the Proxmox UI); under PROXMOX_WRITE_SCOPE=tagged it stays out of the agent's reach until then. Next time give timeout_seconds enough for the whole clone.",
                upid, null, outcome.WaitedSeconds);
        }
        if (!outcome.Succeeded)
        {
            throw new ToolInputException(TaskFailure.Describe($"clone of {source.Label} to {label}", outcome));
        }

        var tags = await TagCloneAsync(kind, id, target, source, cancellationToken).ConfigureAwait(false);
        var running = false;
        var message = $"{label} cloned from {source.Label} ({source.Name}) on {target}";
        if (start)
        {
            var startUpid = await PostForTaskAsync(ApiPath.Build("nodes", target, source.ApiKind, id, "status", "start"), new ProxmoxParameters(), $"start {label}", cancellationToken).ConfigureAwait(false);
            var started = await tracker.WaitAsync(startUpid, budget, progress, $"start {label}", cancellationToken).ConfigureAwait(false);
            if (started.Finished && !started.Succeeded)
            {
                throw new ToolInputException($"{message}, but starting it failed. " + TaskFailure.Describe($"start of {label}", started));
            }
            running = started.Finished;
            message += started.Finished ? "; it is running." : "; it is still starting (task_status follows it).";
            return new ProvisionResult(id, cloneName, kind, target, "clone", "done", running, tags, message, startUpid, started.ExitStatus, outcome.WaitedSeconds + started.WaitedSeconds);
        }
        message += $"; it is stopped: configure it ({(kind == GuestKind.Vm ? "set_vm_config" : "set_container_config")}) or start it ({(kind == GuestKind.Vm ? "start_vm" : "start_container")}).";
        return new ProvisionResult(id, cloneName, kind, target, "clone", "done", running, tags, message, upid, outcome.ExitStatus, outcome.WaitedSeconds);
    }

    /// <summary>Clones copy the source's tags; this adds the server's own, checked against the digest just read.</summary>
    private async Task<IReadOnlyList<string>> TagCloneAsync(GuestKind kind, int vmid, string node, GuestInfo source, CancellationToken cancellationToken)
    {
        var apiKind = kind == GuestKind.Vm ? "qemu" : "lxc";
        var configPath = ApiPath.Build("nodes", node, apiKind, vmid, "config");
        // A preview made no clone to read: it would carry its source's tags, and its digest is known only once it exists.
        JsonElement? config = Safety.Preview.PreviewLog.Current is null ? await api.GetAsync(configPath, cancellationToken: cancellationToken).ConfigureAwait(false) : null;
        var tags = GuestInfo.SplitTags(config is { } read ? read.String("tags") : string.Join(';', source.Tags)).ToList();
        if (!tags.Contains(options.CreatedTag, StringComparer.Ordinal))
        {
            tags.Insert(0, options.CreatedTag);
            var update = new ProxmoxParameters().Add("tags", string.Join(';', tags)).Add("digest", config is { } current ? current.String("digest") : Safety.Preview.PreviewAnswers.UnknownDigest);
            await PreflightAsync("PUT", configPath, update, cancellationToken).ConfigureAwait(false);
            await api.PutAsync(configPath, update, cancellationToken).ConfigureAwait(false);
        }
        return tags;
    }
}
