using System.Text.RegularExpressions;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// The proxmox:// resources this server offers, parsed from a URI a client sent. Each placeholder must
/// fit its grammar (a node name, a vmid, a storage id, a task id), so a URI can only name what these
/// templates name: nothing a client writes reaches an API path unchecked.
/// </summary>
/// <param name="Kind">Which resource.</param>
/// <param name="Node">The node, for node status and storage.</param>
/// <param name="Storage">The storage id.</param>
/// <param name="Vmid">The guest, for its configuration.</param>
/// <param name="Upid">The task.</param>
public sealed record ResourceUri(ResourceUriKind Kind, string? Node = null, string? Storage = null, int? Vmid = null, string? Upid = null)
{
    public const string Scheme = "proxmox://";

    public const string ClusterResources = Scheme + "cluster/resources";

    public const string ClusterTasks = Scheme + "cluster/tasks";

    public const string NodeStatusTemplate = Scheme + "nodes/{node}/status";

    public const string StorageTemplate = Scheme + "nodes/{node}/storage/{storage}";

    public const string GuestConfigTemplate = Scheme + "guests/{vmid}/config";

    public const string TaskTemplate = Scheme + "tasks/{upid}";

    public static string NodeStatus(string node) => $"{Scheme}nodes/{Uri.EscapeDataString(node)}/status";

    public static string Task(string upid) => $"{Scheme}tasks/{Uri.EscapeDataString(upid)}";

    /// <summary>Whether a client may subscribe to it: the task list and single tasks change on their own.</summary>
    public bool Subscribable => Kind is ResourceUriKind.ClusterTasks or ResourceUriKind.Task;

    public static ResourceUri? TryParse(string? uri)
    {
        if (uri is null || !uri.StartsWith(Scheme, StringComparison.Ordinal) || uri.Length > 512)
        {
            return null;
        }
        var segments = uri[Scheme.Length..].Split('/');
        string? Value(int index, string pattern)
        {
            string text;
            try
            {
                text = Uri.UnescapeDataString(segments[index]);
            }
            catch (UriFormatException)
            {
                return null;
            }
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant | RegexOptions.ECMAScript) ? text : null;
        }
        return segments switch
        {
            ["cluster", "resources"] => new ResourceUri(ResourceUriKind.ClusterResources),
            ["cluster", "tasks"] => new ResourceUri(ResourceUriKind.ClusterTasks),
            ["nodes", _, "status"] when Value(1, ToolPatterns.Node) is { } node => new ResourceUri(ResourceUriKind.NodeStatus, Node: node),
            ["nodes", _, "storage", _] when Value(1, ToolPatterns.Node) is { } node && Value(3, ToolPatterns.Storage) is { } storage =>
                new ResourceUri(ResourceUriKind.Storage, Node: node, Storage: storage),
            ["guests", _, "config"] when Value(1, "^[1-9][0-9]{2,8}$") is { } vmid => new ResourceUri(ResourceUriKind.GuestConfig, Vmid: int.Parse(vmid, System.Globalization.CultureInfo.InvariantCulture)),
            ["tasks", _] when Value(1, ToolPatterns.Upid) is { } upid => new ResourceUri(ResourceUriKind.Task, Upid: upid),
            _ => null,
        };
    }
}
