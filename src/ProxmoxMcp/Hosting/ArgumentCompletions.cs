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
/// MCP completions for the arguments of the proxmox:// templates, by argument name: vmid, node, storage
/// and upid, from one read of the cluster (storages of the node already chosen, when the client says).
/// </summary>
public static class ArgumentCompletions
{
    /// <summary>The most values one answer holds (the MCP limit).</summary>
    public const int MaxValues = 100;

    /// <summary>The completions capability when the read tier is offered.</summary>
    public static CompletionsCapability? Capability(ProxmoxOptions settings) =>
        settings.Exposes(ToolTier.Read) ? new CompletionsCapability() : null;

    public static async ValueTask<CompleteResult> CompleteAsync(RequestContext<CompleteRequestParams> request, CancellationToken cancellationToken)
    {
        var argument = request.Params?.Argument;
        if (argument?.Name is not ("vmid" or "node" or "storage" or "upid"))
        {
            return new CompleteResult();
        }
        var typed = argument.Value ?? string.Empty;
        var chosenNode = request.Params?.Context?.Arguments is { } known && known.TryGetValue("node", out var node) ? node : null;
        var api = ClusterResources.Services(request).GetRequiredService<IProxmoxApi>();
        using var caller = ClusterResources.EnterCaller("completion/complete");
        IEnumerable<string> candidates;
        if (argument.Name == "upid")
        {
            var tasks = await ClusterResources.Call(() => api.GetAsync("/cluster/tasks", cancellationToken: cancellationToken)).ConfigureAwait(false);
            candidates = tasks.Items().Select(t => t.String("upid")).OfType<string>();
        }
        else
        {
            var snapshot = await ClusterResources.Call(() => ClusterSnapshot.ReadAsync(api, cancellationToken)).ConfigureAwait(false);
            candidates = argument.Name switch
            {
                "vmid" => snapshot.Guests.Where(g => chosenNode is null || g.Node == chosenNode).Select(g => g.Vmid.ToString(CultureInfo.InvariantCulture)),
                "node" => snapshot.Nodes.Select(n => n.Name),
                _ => snapshot.Storages.Where(s => chosenNode is null || s.String("node") == chosenNode).Select(s => s.String("storage")).OfType<string>(),
            };
        }
        var matching = candidates.Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal);
        // Numbers in numeric order (100, 101, 9000, 10000), names in ordinal order.
        var matches = (argument.Name == "vmid" ? matching.OrderBy(c => c.Length).ThenBy(c => c, StringComparer.Ordinal) : matching.Order(StringComparer.Ordinal)).ToList();
        return new CompleteResult
        {
            Completion = new Completion { Values = matches.Take(MaxValues).ToList(), Total = matches.Count, HasMore = matches.Count > MaxValues },
        };
    }
}
