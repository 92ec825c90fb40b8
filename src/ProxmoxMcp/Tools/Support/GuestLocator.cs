using ProxmoxMcp.Api;

namespace ProxmoxMcp.Tools.Support;

/// <summary>
/// Finds a guest by vmid across the cluster (one read of /cluster/resources), so <c>node</c> is
/// optional wherever the vmid identifies the guest. Wrong kinds, wrong nodes, offline nodes and
/// unknown ids become messages that say what to do instead.
/// </summary>
public sealed class GuestLocator(IProxmoxApi api)
{
    /// <summary>The guest with this id, which must be of the expected kind.</summary>
    public Task<GuestInfo> LocateAsync(int vmid, string? node, GuestKind expected, CancellationToken cancellationToken) =>
        LocateCoreAsync(vmid, node, expected, cancellationToken);

    /// <summary>The guest with this id, VM or container.</summary>
    public Task<GuestInfo> LocateAnyAsync(int vmid, string? node, CancellationToken cancellationToken) =>
        LocateCoreAsync(vmid, node, null, cancellationToken);

    private async Task<GuestInfo> LocateCoreAsync(int vmid, string? node, GuestKind? expected, CancellationToken cancellationToken)
    {
        var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        var guest = snapshot.Guests.FirstOrDefault(g => g.Vmid == vmid)
            ?? throw new ToolInputException($"No VM or container with id {vmid} exists in the cluster; list_vms and list_containers show the ids in use.");
        if (expected is not null && guest.Kind != expected)
        {
            throw new ToolInputException(guest.Kind == GuestKind.Container
                ? $"{vmid} is a container ({guest.Name}), not a VM; use the container tools (e.g. container_status, start_container)."
                : $"{vmid} is a VM ({guest.Name}), not a container; use the VM tools (e.g. vm_status, start_vm).");
        }
        if (node is not null && !string.Equals(node, guest.Node, StringComparison.Ordinal))
        {
            throw new ToolInputException(snapshot.Nodes.Any(n => n.Name == node)
                ? $"{guest.Label} is on node {guest.Node}, not {node}; leave node out and it is found automatically."
                : $"There is no node named '{node}' in this cluster (nodes: {string.Join(", ", snapshot.Nodes.Select(n => n.Name))}).");
        }
        if (snapshot.Nodes.FirstOrDefault(n => n.Name == guest.Node) is { Online: false })
        {
            throw new ToolInputException($"{guest.Label} ({guest.Name}) is on node {guest.Node}, which is offline; it cannot be reached until the node is back.");
        }
        return guest;
    }

    /// <summary>Checks a node name against the cluster and that it is online.</summary>
    public async Task<string> RequireOnlineNodeAsync(string node, CancellationToken cancellationToken)
    {
        var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        var found = snapshot.Nodes.FirstOrDefault(n => n.Name == node)
            ?? throw new ToolInputException($"There is no node named '{node}' in this cluster (nodes: {string.Join(", ", snapshot.Nodes.Select(n => n.Name))}).");
        return found.Online ? found.Name : throw new ToolInputException($"Node {node} is offline; choose another node (list_nodes shows which are online).");
    }
}
