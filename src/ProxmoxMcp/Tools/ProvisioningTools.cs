using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ProxmoxMcp.Api;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Safety;
using ProxmoxMcp.Tasks;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>
/// Tier C: additive provisioning. Nothing here can overwrite or remove: creates refuse used ids,
/// configuration changes never delete keys or detach disks, backups never prune, disks only grow.
/// Every request is checked against the safety policy before it is sent, so a refusal is explained
/// here rather than met at the proxy. Creating and cloning in this part; configuration, snapshots,
/// backups and disks in the others.
/// </summary>
public sealed partial class ProvisioningTools(
    IProxmoxApi api,
    GuestLocator locator,
    TaskTracker tracker,
    WriteScopeGuard scope,
    VmidAllocator allocator,
    DestructivePolicy policy,
    ProxmoxOptions options,
    Safety.Snapshots.SafetySnapshots snapshots)
{
    /// <summary>
    /// Reserve a free vmid for 5 minutes, so parallel creates never collide (next_vmid only reads).
    /// </summary>
    /// <param name="first">Lowest id.</param>
    /// <param name="last">Highest id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("allocate_vmid", ToolTier.Provision)]
    public async Task<VmidReservation> AllocateVmid([Range(100, 999_999_999)] int first = 100, [Range(100, 999_999_999)] int last = 999_999_999, CancellationToken cancellationToken = default)
    {
        if (last < first)
        {
            throw new ToolInputException($"'last' ({last}) must not be below 'first' ({first}).");
        }
        var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        var (vmid, until) = allocator.Reserve(snapshot.Guests.Select(g => g.Vmid).Concat(options.ExecAllowVmids), first, last);
        return new VmidReservation(vmid, until);
    }

    /// <summary>
    /// Create an LXC container from a template (list_templates), always unprivileged. Stopped unless start=true.
    /// </summary>
    /// <param name="hostname">Host name.</param>
    /// <param name="template">Template volume, e.g. local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst.</param>
    /// <param name="vmid">Its id; a free one if omitted.</param>
    /// <param name="node">Default: first online with the template.</param>
    /// <param name="cores">CPU cores.</param>
    /// <param name="memoryMib">Memory, MiB.</param>
    /// <param name="swapMib">Swap, MiB.</param>
    /// <param name="diskGib">Root disk size, GiB.</param>
    /// <param name="storage">Root disk storage; default: most free.</param>
    /// <param name="bridge">Network bridge.</param>
    /// <param name="vlan">VLAN tag.</param>
    /// <param name="ip">dhcp, or e.g. 192.168.1.50/24.</param>
    /// <param name="gateway">Gateway for a static ip.</param>
    /// <param name="password">Root password.</param>
    /// <param name="sshPublicKeys">Root's SSH keys.</param>
    /// <param name="nesting">Allow nesting (Docker inside).</param>
    /// <param name="start">Start it after.</param>
    /// <param name="pool">Resource pool.</param>
    /// <param name="tags">Extra tags.</param>
    /// <param name="description">Notes.</param>
    /// <param name="extraOptions">Other options by name, e.g. onboot, timezone.</param>
    /// <param name="wait">Wait for it to end.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("create_container", ToolTier.Provision)]
    public async Task<ProvisionResult> CreateContainer(
        [RegularExpression(ToolPatterns.HostName), MaxLength(255)] string hostname,
        [RegularExpression(ToolPatterns.ContainerTemplate), MaxLength(255)] string template,
        [Range(100, 999_999_999)] int? vmid = null,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        [Range(1, 512)] int cores = 1,
        [Range(16, 4_194_304)] int memoryMib = 512,
        [Range(0, 4_194_304)] int swapMib = 512,
        [Range(1, 131_072)] int diskGib = 8,
        [RegularExpression(ToolPatterns.Storage)] string? storage = null,
        [RegularExpression(ToolPatterns.Bridge)] string bridge = "vmbr0",
        [Range(1, 4094)] int? vlan = null,
        [RegularExpression(ToolPatterns.Ipv4Config)] string ip = "dhcp",
        [RegularExpression(ToolPatterns.Ipv4)] string? gateway = null,
        [RegularExpression(ToolPatterns.Password)] string? password = null,
        [RegularExpression(ToolPatterns.SshPublicKey), MaxLength(20)] IReadOnlyList<string>? sshPublicKeys = null,
        bool nesting = false,
        bool start = false,
        [RegularExpression(ToolPatterns.Pool)] string? pool = null,
        [RegularExpression(ToolPatterns.Tag), MaxLength(20)] IReadOnlyList<string>? tags = null,
        [MaxLength(8192)] string? description = null,
        IReadOnlyDictionary<string, string>? extraOptions = null,
        bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = 600,
        ToolContext? context = null,
        CancellationToken cancellationToken = default)
    {
        var extra = extraOptions ?? new Dictionary<string, string>();
        ConfigOptionsValidator.Validate(extra, ConfigKeyCatalog.ContainerCreate,
            ["vmid", "ostemplate", "hostname", "cores", "memory", "swap", "rootfs", "net0", "unprivileged", "password", "ssh-public-keys", "start", "pool", "tags", "description",
                .. (nesting ? new[] { "features" } : [])], "create_container", "container");
        if (gateway is not null && ip == "dhcp")
        {
            throw new ToolInputException("'gateway' goes with a static 'ip' (e.g. 192.168.1.50/24); with DHCP the gateway comes from the DHCP server.");
        }

        var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        var targetNode = await ChooseNodeWithVolumeAsync(snapshot, node, template, "vztmpl", cancellationToken).ConfigureAwait(false);
        var id = ChooseVmid(snapshot, vmid);
        var diskStorage = storage ?? await ChooseStorageAsync(targetNode, "rootdir", cancellationToken).ConfigureAwait(false);
        var allTags = MergeTags(tags);

        var parameters = new ProxmoxParameters()
            .Add("vmid", (long)id)
            .Add("ostemplate", template)
            .Add("hostname", hostname)
            .Add("cores", (long)cores)
            .Add("memory", (long)memoryMib)
            .Add("swap", (long)swapMib)
            .Add("rootfs", $"{diskStorage}:{diskGib}")
            .Add("net0", NetworkDevice.Container(bridge, vlan, ip, gateway))
            .Add("unprivileged", true)
            .Add("features", nesting ? "nesting=1" : null)
            .Add("password", password)
            .Add("ssh-public-keys", sshPublicKeys is { Count: > 0 } keys ? string.Join('\n', keys) : null)
            .Add("start", start)
            .Add("pool", pool)
            .Add("tags", string.Join(';', allTags))
            .Add("description", description);
        foreach (var (key, value) in extra)
        {
            parameters.Add(key, value);
        }

        var path = ApiPath.Build("nodes", targetNode, "lxc");
        await PreflightAsync("POST", path, parameters, cancellationToken).ConfigureAwait(false);
        var upid = await PostForTaskAsync(path, parameters, $"create container {id}", cancellationToken).ConfigureAwait(false);
        return await FinishAsync(id, hostname, GuestKind.Container, targetNode, "create", allTags, start, upid, wait, timeoutSeconds, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Create a VM with one disk, a NIC and an optional install ISO (ready-made systems: clone_vm). Stopped unless start=true.
    /// </summary>
    /// <param name="name">The VM name.</param>
    /// <param name="vmid">Its id; a free one if omitted.</param>
    /// <param name="node">Default: first online (with the ISO).</param>
    /// <param name="cores">CPU cores per socket.</param>
    /// <param name="sockets">CPU sockets.</param>
    /// <param name="memoryMib">Memory, MiB.</param>
    /// <param name="diskGib">Disk size, GiB.</param>
    /// <param name="storage">Disk storage; default: most free.</param>
    /// <param name="iso">ISO to install from, e.g. local:iso/debian-12.iso.</param>
    /// <param name="bridge">Network bridge.</param>
    /// <param name="vlan">VLAN tag.</param>
    /// <param name="osType">Guest OS type.</param>
    /// <param name="agent">Enable the guest agent option.</param>
    /// <param name="start">Start it after.</param>
    /// <param name="pool">Resource pool.</param>
    /// <param name="tags">Extra tags.</param>
    /// <param name="description">Notes.</param>
    /// <param name="extraOptions">Other options by name, e.g. onboot, ciuser.</param>
    /// <param name="wait">Wait for it to end.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="context">Progress while waiting.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on).</param>
    [ProxmoxTool("create_vm", ToolTier.Provision)]
    public async Task<ProvisionResult> CreateVm(
        [RegularExpression(ToolPatterns.HostName), MaxLength(63)] string name,
        [Range(100, 999_999_999)] int? vmid = null,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        [Range(1, 256)] int cores = 2,
        [Range(1, 4)] int sockets = 1,
        [Range(64, 4_194_304)] int memoryMib = 2048,
        [Range(1, 131_072)] int diskGib = 32,
        [RegularExpression(ToolPatterns.Storage)] string? storage = null,
        [RegularExpression(ToolPatterns.IsoImage), MaxLength(255)] string? iso = null,
        [RegularExpression(ToolPatterns.Bridge)] string bridge = "vmbr0",
        [Range(1, 4094)] int? vlan = null,
        VmOsType osType = VmOsType.L26,
        bool agent = true,
        bool start = false,
        [RegularExpression(ToolPatterns.Pool)] string? pool = null,
        [RegularExpression(ToolPatterns.Tag), MaxLength(20)] IReadOnlyList<string>? tags = null,
        [MaxLength(8192)] string? description = null,
        IReadOnlyDictionary<string, string>? extraOptions = null,
        bool wait = true,
        [Range(1, WaitBudget.MaxSeconds)] int timeoutSeconds = 600,
        ToolContext? context = null,
        CancellationToken cancellationToken = default)
    {
        var extra = extraOptions ?? new Dictionary<string, string>();
        ConfigOptionsValidator.Validate(extra, ConfigKeyCatalog.VmCreate,
            ["vmid", "name", "cores", "sockets", "memory", "scsi0", "ide2", "net0", "ostype", "agent", "tags", "description", "scsihw", "boot", "start", "pool"], "create_vm", "VM");
        if (extra.Keys.Any(key => ConfigKeyCatalog.IsVolumeKey(key) && key is not ("efidisk0" or "tpmstate0")))
        {
            throw new ToolInputException("create_vm makes one disk (diskGib) and one CD drive (iso); add more disks afterwards with set_vm_config, e.g. scsi1=local-lvm:20.");
        }

        var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        var targetNode = iso is null
            ? ChooseOnlineNode(snapshot, node)
            : await ChooseNodeWithVolumeAsync(snapshot, node, iso, "iso", cancellationToken).ConfigureAwait(false);
        var id = ChooseVmid(snapshot, vmid);
        var diskStorage = storage ?? await ChooseStorageAsync(targetNode, "images", cancellationToken).ConfigureAwait(false);
        var allTags = MergeTags(tags);

        var parameters = new ProxmoxParameters()
            .Add("vmid", (long)id)
            .Add("name", name)
            .Add("cores", (long)cores)
            .Add("sockets", (long)sockets)
            .Add("memory", memoryMib.ToString(CultureInfo.InvariantCulture))
            .Add("scsihw", "virtio-scsi-single")
            .Add("scsi0", $"{diskStorage}:{diskGib},iothread=1")
            .Add("ide2", iso is null ? null : $"{iso},media=cdrom")
            .Add("net0", NetworkDevice.Vm(bridge, vlan))
            .Add("boot", iso is null ? "order=scsi0;net0" : "order=scsi0;ide2;net0")
            .Add("ostype", NameOf(osType))
            .Add("agent", agent ? "1" : "0")
            .Add("start", start)
            .Add("pool", pool)
            .Add("tags", string.Join(';', allTags))
            .Add("description", description);
        foreach (var (key, value) in extra)
        {
            parameters.Add(key, value);
        }

        var path = ApiPath.Build("nodes", targetNode, "qemu");
        await PreflightAsync("POST", path, parameters, cancellationToken).ConfigureAwait(false);
        var upid = await PostForTaskAsync(path, parameters, $"create VM {id}", cancellationToken).ConfigureAwait(false);
        return await FinishAsync(id, name, GuestKind.Vm, targetNode, "create", allTags, start, upid, wait, timeoutSeconds, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks the policy before sending (free space, protected tags and write scope included), so a refusal
    /// comes back as this tool's error and nothing is sent; the proxy asks again when the request goes out.
    /// </summary>
    private async Task PreflightAsync(string method, string path, ProxmoxParameters parameters, CancellationToken cancellationToken)
    {
        var decision = await policy.EvaluateAsync(method, path, parameters, cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            throw new ToolInputException(decision.Reason);
        }
    }

    private int ChooseVmid(ClusterSnapshot snapshot, int? requested)
    {
        if (requested is { } vmid)
        {
            if (options.ExecAllowVmids.Contains(vmid))
            {
                throw new ToolInputException($"vmid {vmid} is named in PROXMOX_EXEC_ALLOW, so a guest made by this server may not take it (that would grant in-guest execution from inside); nothing was created. Leave the id out for a free one.");
            }
            if (snapshot.Guests.FirstOrDefault(g => g.Vmid == vmid) is { } used)
            {
                throw new ToolInputException($"vmid {vmid} is already used by {used.Label} ({used.Name}); nothing was created. Use allocate_vmid for a free id.");
            }
            return vmid;
        }
        return allocator.Reserve(snapshot.Guests.Select(g => g.Vmid).Concat(options.ExecAllowVmids), 100, 999_999_999).Vmid;
    }

    private static string ChooseOnlineNode(ClusterSnapshot snapshot, string? node)
    {
        if (node is null)
        {
            return snapshot.Nodes.FirstOrDefault(n => n.Online)?.Name ?? throw new ToolInputException("No node is online.");
        }
        var found = snapshot.Nodes.FirstOrDefault(n => n.Name == node)
            ?? throw new ToolInputException($"There is no node named '{node}' in this cluster (nodes: {string.Join(", ", snapshot.Nodes.Select(n => n.Name))}).");
        return found.Online ? found.Name : throw new ToolInputException($"Node {node} is offline; choose another node (list_nodes shows which are online).");
    }

    /// <summary>The given node, or the first online one whose storage holds the volume (templates and ISOs are per node).</summary>
    private async Task<string> ChooseNodeWithVolumeAsync(ClusterSnapshot snapshot, string? node, string volid, string content, CancellationToken cancellationToken)
    {
        var storage = volid.Split(':')[0];
        var candidates = node is null ? snapshot.Nodes.Where(n => n.Online).Select(n => n.Name).ToList() : [ChooseOnlineNode(snapshot, node)];
        foreach (var candidate in candidates)
        {
            try
            {
                var items = await api.GetAsync(ApiPath.Build("nodes", candidate, "storage", storage, "content"), new ProxmoxParameters().Add("content", content), cancellationToken).ConfigureAwait(false);
                if (items.Items().Any(i => i.String("volid") == volid))
                {
                    return candidate;
                }
            }
            catch (ProxmoxApiException exception) when (exception.StatusCode is 500 or 400)
            {
                // The storage does not exist on this node: try the next.
            }
        }
        var where = node is null ? "any online node" : $"node {node}";
        throw new ToolInputException($"{volid} was not found on {where}; list_templates shows the templates and ISO images each node has.");
    }

    /// <summary>The active storage with the most free space that holds this content type.</summary>
    private async Task<string> ChooseStorageAsync(string node, string content, CancellationToken cancellationToken)
    {
        var storages = await api.GetAsync(ApiPath.Build("nodes", node, "storage"), new ProxmoxParameters().Add("content", content).Add("enabled", true), cancellationToken).ConfigureAwait(false);
        return storages.Items()
            .Where(s => s.Int64("active") != 0)
            .OrderByDescending(s => s.Int64("avail") ?? 0)
            .Select(s => s.String("storage"))
            .FirstOrDefault()
            ?? throw new ToolInputException($"Node {node} has no active storage for {(content == "images" ? "VM disks" : "container volumes")}; pass 'storage' (list_storage shows them).");
    }

    /// <summary>The server's own tag first, then the agent's; never the exec tag, which only a human gives.</summary>
    private List<string> MergeTags(IEnumerable<string>? tags)
    {
        var merged = new[] { options.CreatedTag }.Concat(tags ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (options.ExecAllowTag is { } exec && merged.Contains(exec, StringComparer.OrdinalIgnoreCase))
        {
            throw new ToolInputException($"The tag '{exec}' grants in-guest execution (PROXMOX_EXEC_ALLOW); only a human may put it on a guest. Nothing was created.");
        }
        return merged;
    }

    private async Task<string> PostForTaskAsync(string path, ProxmoxParameters parameters, string what, CancellationToken cancellationToken) =>
        (await api.PostAsync(path, parameters, cancellationToken).ConfigureAwait(false)).GetString()
        ?? throw new ToolInputException($"Proxmox accepted the request to {what} but returned no task id.");

    private async Task<ProvisionResult> FinishAsync(int vmid, string name, GuestKind kind, string node, string action, IReadOnlyList<string> tags, bool start, string upid,
        bool wait, int timeoutSeconds, ToolContext? context, CancellationToken cancellationToken)
    {
        var label = $"{(kind == GuestKind.Vm ? "VM" : "container")} {vmid} ({name})";
        if (!wait)
        {
            return new ProvisionResult(vmid, name, kind, node, action, "started", false, tags, $"{action} of {label} started on {node}; follow it with task_status.", upid, null, null);
        }
        var outcome = await tracker.WaitAsync(upid, WaitBudget.From(timeoutSeconds), context?.Progress ?? ToolProgress.None, $"{action} {label}", cancellationToken).ConfigureAwait(false);
        if (!outcome.Finished)
        {
            return new ProvisionResult(vmid, name, kind, node, action, "still_running", false, tags,
                $"{action} of {label} is still running after {outcome.WaitedSeconds.ToString(CultureInfo.InvariantCulture)} s; follow it with task_status.", upid, null, outcome.WaitedSeconds);
        }
        if (!outcome.Succeeded)
        {
            throw new ToolInputException(TaskFailure.Describe($"{action} of {label}", outcome));
        }
        var next = start ? "it is running" : $"it is stopped; start it with {(kind == GuestKind.Vm ? "start_vm" : "start_container")}";
        return new ProvisionResult(vmid, name, kind, node, action, "done", start, tags, $"{label} created on {node} ({outcome.ExitStatus}); {next}.", upid, outcome.ExitStatus, outcome.WaitedSeconds);
    }

    private static string NameOf<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
