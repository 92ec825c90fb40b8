using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Api;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Safety;
using ProxmoxMcp.Safety.Policy;
using ProxmoxMcp.Tools;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// Live cluster state as MCP resources: the cluster's resources and recent tasks, and as templates a
/// node's status, a storage, a guest's configuration and a task with its log. Reads go through the same
/// tools (and so the same safety policy) as tools/call, as reads a client chose: only the reviewed
/// audit reads. Offered with the read tier; clients follow tasks through <see cref="ResourceSubscriptions"/>.
/// </summary>
public static class ClusterResources
{
    private const string Json = "application/json";

    private static readonly ResourceTemplate[] Templates =
    [
        new() { UriTemplate = ResourceUri.NodeStatusTemplate, Name = "node-status", Title = "Node status", MimeType = Json, Description = "CPU, memory, disk, uptime and versions of one node." },
        new() { UriTemplate = ResourceUri.StorageTemplate, Name = "storage", Title = "Storage on a node", MimeType = Json, Description = "Usage of one storage as one node sees it." },
        new() { UriTemplate = ResourceUri.GuestConfigTemplate, Name = "guest-config", Title = "Guest configuration", MimeType = Json, Description = "The configuration of a VM or container (passwords shown as \"(set)\")." },
        new() { UriTemplate = ResourceUri.TaskTemplate, Name = "task", Title = "Task", MimeType = Json, Description = "A task's status and log (up to 500 lines). Subscribe to hear when it ends." },
    ];

    /// <summary>The resources capability (with subscriptions) when the read tier is offered.</summary>
    public static ResourcesCapability? Capability(ProxmoxOptions settings) =>
        settings.Exposes(ToolTier.Read) ? new ResourcesCapability { Subscribe = true } : null;

    /// <summary>The resource, subscription and completion handlers (none when the read tier is not offered).</summary>
    /// <param name="settings">What is offered.</param>
    /// <param name="services">The runtime's services: over HTTP the SDK hands each request the web host's services, which hold none of ours.</param>
    public static McpServerHandlers Handlers(ProxmoxOptions settings, IServiceProvider services) => settings.Exposes(ToolTier.Read)
        ? new McpServerHandlers
        {
            ListResourcesHandler = OnRuntime<ListResourcesRequestParams, ListResourcesResult>(services, ListAsync),
            ListResourceTemplatesHandler = static (_, _) => ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = [.. Templates] }),
            ReadResourceHandler = OnRuntime<ReadResourceRequestParams, ReadResourceResult>(services, ReadAsync),
            SubscribeToResourcesHandler = OnRuntime<SubscribeRequestParams, EmptyResult>(services, ResourceSubscriptions.SubscribeAsync),
            UnsubscribeFromResourcesHandler = OnRuntime<UnsubscribeRequestParams, EmptyResult>(services, ResourceSubscriptions.UnsubscribeAsync),
            SubscriptionsListenHandler = OnRuntime<SubscriptionsListenRequestParams, EmptyResult>(services, ResourceSubscriptions.ListenAsync),
            CompleteHandler = OnRuntime<CompleteRequestParams, CompleteResult>(services, ArgumentCompletions.CompleteAsync),
        }
        : new McpServerHandlers();

    private static McpRequestHandler<TParams, TResult> OnRuntime<TParams, TResult>(IServiceProvider services, McpRequestHandler<TParams, TResult> handler) =>
        (request, cancellationToken) =>
        {
            request.Services = services;
            return handler(request, cancellationToken);
        };

    private static async ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken cancellationToken)
    {
        var api = Services(request).GetRequiredService<IProxmoxApi>();
        using var caller = EnterCaller("resources/list");
        var snapshot = await Call(() => ClusterSnapshot.ReadAsync(api, cancellationToken)).ConfigureAwait(false);
        var resources = new List<Resource>
        {
            new() { Uri = ResourceUri.ClusterResources, Name = "cluster-resources", Title = "Cluster resources", MimeType = Json, Description = "Nodes, VMs, containers and storages with status and usage." },
            new() { Uri = ResourceUri.ClusterTasks, Name = "cluster-tasks", Title = "Recent tasks", MimeType = Json, Description = "The cluster's recent tasks, newest first. Subscribe to hear when one starts or ends." },
        };
        resources.AddRange(snapshot.Nodes.Select(n => new Resource
        {
            Uri = ResourceUri.NodeStatus(n.Name), Name = $"node-{n.Name}", Title = $"Node {n.Name}", MimeType = Json,
            Description = n.Online ? $"Status of node {n.Name}." : $"Status of node {n.Name} (offline now).",
        }));
        return new ListResourcesResult { Resources = resources };
    }

    private static async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = request.Params?.Uri;
        var parsed = ResourceUri.TryParse(uri) ?? throw NotFound(request.Server, uri);
        var services = Services(request);
        var inventory = services.GetRequiredService<InventoryTools>();
        using var caller = EnterCaller("resources/read");
        object value = await Call<object>(async () => parsed.Kind switch
        {
            ResourceUriKind.ClusterResources => await inventory.ClusterResources(limit: 5000, cancellationToken: cancellationToken).ConfigureAwait(false),
            ResourceUriKind.ClusterTasks => await inventory.ListTasks(limit: 50, cancellationToken: cancellationToken).ConfigureAwait(false),
            ResourceUriKind.NodeStatus => await inventory.NodeStatus(parsed.Node!, cancellationToken).ConfigureAwait(false),
            ResourceUriKind.Storage => await StorageAsync(services, parsed.Node!, parsed.Storage!, cancellationToken).ConfigureAwait(false),
            ResourceUriKind.GuestConfig => await GuestConfigAsync(services, inventory, parsed.Vmid!.Value, cancellationToken).ConfigureAwait(false),
            _ => await inventory.TaskStatus(parsed.Upid!, logLines: 500, cancellationToken: cancellationToken).ConfigureAwait(false),
        }).ConfigureAwait(false);
        return new ReadResourceResult
        {
            Contents = [new TextResourceContents { Uri = uri!, MimeType = Json, Text = JsonSerializer.Serialize(value, ToolJson.Options) }],
        };
    }

    private static async Task<object> StorageAsync(IServiceProvider services, string node, string storage, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<GuestLocator>().RequireOnlineNodeAsync(node, cancellationToken).ConfigureAwait(false);
        var status = await services.GetRequiredService<IProxmoxApi>().GetAsync(ApiPath.Build("nodes", node, "storage", storage, "status"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, object?>
        {
            ["node"] = node, ["storage"] = storage, ["type"] = status.String("type"), ["content"] = status.String("content"), ["active"] = status.Boolean("active"),
            ["shared"] = status.Boolean("shared"), ["used_gib"] = Units.Gib(status.Int64("used")), ["total_gib"] = Units.Gib(status.Int64("total")), ["avail_gib"] = Units.Gib(status.Int64("avail")),
        };
    }

    private static async Task<object> GuestConfigAsync(IServiceProvider services, InventoryTools inventory, int vmid, CancellationToken cancellationToken)
    {
        var guest = await services.GetRequiredService<GuestLocator>().LocateAnyAsync(vmid, null, cancellationToken).ConfigureAwait(false);
        return guest.Kind == GuestKind.Vm
            ? await inventory.VmConfig(vmid, guest.Node, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await inventory.ContainerConfig(vmid, guest.Node, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resource reads are reads a client chose, like proxmox_api_get's: the policy grants them the audit reads only.</summary>
    internal static IDisposable EnterCaller(string what) => PolicyCaller.Enter(what, CallerRole.RawRead);

    internal static IServiceProvider Services<T>(RequestContext<T> request) =>
        request.Services ?? request.Server.Services ?? throw new InvalidOperationException("The MCP server was created without a service provider.");

    /// <summary>Runs a read and turns what a client can act on into an MCP error with a clear message.</summary>
    internal static async Task<T> Call<T>(Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ToolInputException or ProxmoxApiException or SafetyRefusedException)
        {
            throw new McpException(exception.Message, exception);
        }
    }

    /// <summary>Unknown URIs: -32002 before the 2026-07-28 revision, -32602 from it on, as the SDK's own default does.</summary>
    internal static McpProtocolException NotFound(McpServer server, string? uri) => new(
        $"No such resource: '{uri}'. Resources: {ResourceUri.ClusterResources}, {ResourceUri.ClusterTasks}, {ResourceUri.NodeStatusTemplate}, {ResourceUri.StorageTemplate}, {ResourceUri.GuestConfigTemplate}, {ResourceUri.TaskTemplate}.",
        string.CompareOrdinal(server.NegotiatedProtocolVersion, "2026-07-28") >= 0 ? McpErrorCode.InvalidParams : McpErrorCode.ResourceNotFound);
}
