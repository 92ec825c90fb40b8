using System.Text.Json;
using ProxmoxMcp.Api;

namespace ProxmoxMcp.Tools.Support;

/// <summary>
/// One read of /cluster/resources: nodes with their online state, guests and storages. It keeps
/// working when a node is offline (the cluster file system still knows its guests), which is why
/// listings start here rather than asking every node.
/// </summary>
public sealed record ClusterSnapshot(IReadOnlyList<NodeState> Nodes, IReadOnlyList<GuestInfo> Guests, IReadOnlyList<JsonElement> Storages)
{
    public IReadOnlyList<string> OfflineNodes => Nodes.Where(n => !n.Online).Select(n => n.Name).ToList();

    public static async Task<ClusterSnapshot> ReadAsync(IProxmoxApi api, CancellationToken cancellationToken)
    {
        var resources = await api.GetAsync("/cluster/resources", cancellationToken: cancellationToken).ConfigureAwait(false);
        var nodes = new List<NodeState>();
        var guests = new List<GuestInfo>();
        var storages = new List<JsonElement>();
        foreach (var item in resources.Items())
        {
            switch (item.String("type"))
            {
                case "node":
                    nodes.Add(new NodeState(item.String("node") ?? "?", item.String("status") == "online", item));
                    break;
                case "storage":
                    storages.Add(item);
                    break;
                default:
                    if (GuestInfo.From(item) is { } guest)
                    {
                        guests.Add(guest);
                    }
                    break;
            }
        }
        return new ClusterSnapshot(nodes.OrderBy(n => n.Name, StringComparer.Ordinal).ToList(), guests.OrderBy(g => g.Vmid).ToList(), storages);
    }
}
