using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Api;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Tools;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// MCP prompts for what users reach for most: a health check of the cluster, why a guest will not start,
/// deploying an application into a new container, and preparing a node for maintenance. Each walks the model
/// through the tools, reads first, and has it call preview before any change. Tool names are written in
/// backticks (a test checks each is in the registry); a tool this configuration does not offer is named as off.
/// Completions for the vmid and node arguments come from the cluster.
/// </summary>
public static class GuidedPrompts
{
    public const string ClusterHealth = "cluster_health";
    public const string GuestWontStart = "guest_wont_start";
    public const string DeployContainerApp = "deploy_container_app";
    public const string PrepareNodeMaintenance = "prepare_node_maintenance";

    /// <summary>Adds the prompts and a completion handler for their arguments; a completion handler already set keeps answering for everything else.</summary>
    /// <param name="options">The SDK's options.</param>
    /// <param name="settings">Which tools this configuration offers.</param>
    /// <param name="services">The runtime's services (the cluster, for completions); none: no completions.</param>
    public static void Register(McpServerOptions options, ProxmoxOptions settings, IServiceProvider? services)
    {
        var prompts = options.PromptCollection ??= [];
        foreach (var prompt in Create(settings))
        {
            prompts.Add(prompt);
        }
        options.Capabilities ??= new ServerCapabilities();
        options.Capabilities.Prompts ??= new PromptsCapability();
        if (services is null)
        {
            return;
        }
        var previous = options.Handlers.CompleteHandler;
        // The API client is resolved when a completion is asked for, not here: it is made on first use, off the start-up path.
        options.Handlers.CompleteHandler = async (request, cancellationToken) =>
            request.Params is { Ref: PromptReference { Name: var name }, Argument: { } argument } && prompts.TryGetPrimitive(name, out var prompt) && prompt is GuidedPrompt
                ? new CompleteResult { Completion = await CompleteAsync(services.GetRequiredService<IProxmoxApi>(), name, argument.Name, argument.Value ?? string.Empty, cancellationToken).ConfigureAwait(false) }
                : previous is not null ? await previous(request, cancellationToken).ConfigureAwait(false) : new CompleteResult();
    }

    /// <summary>The prompts as this configuration offers them.</summary>
    public static IReadOnlyList<McpServerPrompt> Create(ProxmoxOptions settings)
    {
        var offered = ToolCatalog.Exposed(settings).Select(t => t.Definition.Name).ToHashSet(StringComparer.Ordinal);
        string T(string tool) => offered.Contains(tool) ? $"`{tool}`" : $"`{tool}` (off on this server)";
        var vmid = new PromptArgument { Name = "vmid", Description = "The guest's id", Required = true };
        var node = new PromptArgument { Name = "node", Description = "The node", Required = true };
        return
        [
            new GuidedPrompt(new Prompt
            {
                Name = ClusterHealth,
                Title = "Cluster health check",
                Description = "Check the cluster's health: nodes, storage, guests, failed tasks, HA and quorum. Reads only.",
                Arguments = [new PromptArgument { Name = "node", Description = "Only this node (default: all)" }],
            }, a => $"""
                Check the health of the Proxmox VE cluster{(a.TryGetValue("node", out var n) ? $", node {n} only" : string.Empty)}. Read only: change nothing.
                1. {T("cluster_health")}: one call checks nodes, quorum, storage, failed tasks, missing backups, HA, Ceph, certificates, updates and guest agents, each finding with its evidence.{(a.TryGetValue("node", out var only) ? $" Keep the findings that concern node {only} or the whole cluster." : string.Empty)}
                2. Go deeper only where a finding points: {T("node_diagnostics")} with its node and the aspect it concerns (syslog, updates, disks, zfs, services, certificates); {T("task_status")} for the log of a failed task; {T("guest_details")} for a guest; {T("cluster_overview")} with aspect=ha or ceph when those checks are not ok.
                3. {T("cluster_resources")}: guests that are stopped although their onboot is set, and locked guests.
                Report one line per finding (ok, warning or critical, with the evidence), then what a human should look at first.
                """),
            new GuidedPrompt(new Prompt
            {
                Name = GuestWontStart,
                Title = "Why won't a guest start?",
                Description = "Find out why a VM or container does not start, from its state, config, node, storage and task logs.",
                Arguments = [vmid],
            }, a => $"""
                Find out why guest {a["vmid"]} does not start. Read first; change nothing unless the user agrees.
                1. {T("cluster_resources")}: whether {a["vmid"]} is a VM or a container, its node, status and lock; then {T("vm_status")} or {T("container_status")}.
                2. {T("list_tasks")} with vmid={a["vmid"]} and errors_only=true, then {T("task_status")} of the latest failed start: its log says why.
                3. {T("vm_config")} or {T("container_config")}: its disks and their storages, memory, cores, bridges and devices.
                4. {T("node_status")} of its node (free memory against the guest's), {T("list_storage")} for that node (the disks' storages active, with space).
                5. If it is locked (backup, snapshot, migrate), {T("list_tasks")} with running_only=true shows whether an operation still holds it; a stale lock is cleared by a human (qm unlock / pct unlock).
                Common causes: a lock, storage offline or full, too little memory on the node, a missing bridge, a passed-through device, a template (clone it instead).
                Explain the cause with the evidence. Before any change, call {T("preview")} with the change tool and its arguments and show the user what it says; start it with {T("start_vm")} or {T("start_container")} only after the user agrees.
                """),
            new GuidedPrompt(new Prompt
            {
                Name = DeployContainerApp,
                Title = "Deploy an app in a new container",
                Description = "Deploy an application into a new LXC container: template, vmid, create, start, install inside.",
                Arguments =
                [
                    new PromptArgument { Name = "app", Description = "What to deploy, e.g. uptime-kuma or nginx", Required = true },
                    new PromptArgument { Name = "node", Description = "The node (default: chosen by the server)" },
                    new PromptArgument { Name = "vmid", Description = "The new guest's id (default: a free one)" },
                ],
            }, a => $"""
                Deploy {a["app"]} into a new LXC container{(a.TryGetValue("node", out var n) ? $" on node {n}" : string.Empty)}.
                1. {T("list_templates")}: pick a container template that suits {a["app"]} (a current Debian or Ubuntu unless it needs otherwise).
                2. The id: {(a.TryGetValue("vmid", out var v) ? $"{v} (check with {T("cluster_resources")} that it is free)" : $"{T("allocate_vmid")} reserves a free one")}.
                3. {T("preview")} of {T("create_container")} with hostname, template, vmid, cores, memory_mib, disk_gib (nesting=true if it runs Docker): show the user the new guest and the storage it takes, then call {T("create_container")} with the same arguments, and {T("start_container")}.
                4. {(offered.Contains("exec_in_container")
                    ? $"{T("exec_in_container")}: install and start {a["app"]} (package manager or its official installer), enable it at boot, and check that it runs and listens. {T("preview")} shows each command before it runs."
                    : $"Commands inside guests are off on this server ({T("exec_in_container")}; PROXMOX_ENABLE_EXEC): give the user the commands that install and start {a["app"]} inside the container.")}
                5. {T("guest_network")}: its IP address. Report the vmid, the address, how to reach {a["app"]}, and what was installed.
                """),
            new GuidedPrompt(new Prompt
            {
                Name = PrepareNodeMaintenance,
                Title = "Prepare a node for maintenance",
                Description = "Plan maintenance of a node: what runs there, what HA would move, what a shutdown would stop. Reads only.",
                Arguments = [node],
            }, a => $"""
                Prepare node {a["node"]} for maintenance. Plan only: stop nothing unless the user confirms each step.
                1. {T("node_status")} with node={a["node"]}: uptime, load, versions.
                2. {T("list_vms")} and {T("list_containers")} with node={a["node"]}: every guest on it, running or not.
                3. {T("cluster_overview")} with aspect=ha: the guests HA manages (it recovers them on another node when this one goes down, as its rules allow) and those it does not; {T("node_diagnostics")} with aspect=updates: what an upgrade during the maintenance would install.
                4. What a shutdown of the node would stop: every running guest HA does not manage. For each, {T("preview")} of {T("shutdown_vm")} or {T("shutdown_container")} shows its state, uptime and what a shutdown does.
                5. {T("cluster_overview")} with aspect=backup_jobs and {T("list_tasks")} with node={a["node"]}: the backup schedule and recent backups (vzdump); suggest {T("backup_guest")} for a guest without a recent one, and ask first.
                Migrating guests and rebooting the node are a human's, in the Proxmox UI: this server does neither.
                Report a table: guest, state, HA (recovered elsewhere or stays down), last backup, suggested step.
                """),
        ];
    }

    /// <summary>Values for a prompt's vmid or node argument that start with what the user typed, from one read of the cluster.</summary>
    public static async Task<Completion> CompleteAsync(IProxmoxApi api, string prompt, string argument, string typed, CancellationToken cancellationToken)
    {
        if (argument is not ("vmid" or "node"))
        {
            return new Completion();
        }
        var cluster = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        var values = argument == "node"
            ? cluster.Nodes.Where(n => prompt != PrepareNodeMaintenance || n.Online).Select(n => n.Name)
            : cluster.Guests.Where(g => !g.Template)
                // The guests that will not start are the stopped ones: those first.
                .OrderBy(g => prompt == GuestWontStart && g.Status == "running" ? 1 : 0).ThenBy(g => g.Vmid)
                .Select(g => g.Vmid.ToString(CultureInfo.InvariantCulture));
        var matching = values.Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).ToList();
        // The protocol allows at most 100 values in one answer.
        return new Completion { Values = matching.Take(100).ToList(), Total = matching.Count, HasMore = matching.Count > 100 };
    }
}
