using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tasks;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// Resource subscriptions on tasks: a client subscribed to proxmox://cluster/tasks hears
/// notifications/resources/updated whenever a task starts or ends anywhere in the cluster, and one
/// subscribed to proxmox://tasks/UPID when that task ends, so it can follow work it did not start.
/// Subscriptions belong to the MCP session that made them (every stdio or HTTP session has its own
/// server), so a notification goes back over the session that asked, and a session's subscriptions
/// end with it (<see cref="EndSession"/>). Clients of the 2026-07-28 revision subscribe with subscriptions/listen instead of
/// resources/subscribe; their notifications carry the listen request's id. One poll of the cluster's task
/// list serves every subscriber, and it runs only while someone is subscribed.
/// </summary>
public sealed class ResourceSubscriptions(IProxmoxApi api, TaskTrackerOptions options, ILogger<ResourceSubscriptions> logger) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Subscriber> _subscribers = [];
    private readonly Dictionary<string, string?> _clusterTasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _watchedTasks = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private bool _clusterBaseline;
    private bool _watching;
    private Task? _watch;

    /// <summary>The subscriptions in force (tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>
    /// Ends the subscriptions of an HTTP session that ended (DELETE, idle, shutdown). The SDK drops a
    /// notification to an ended session without an error, so the host that ends sessions says so here.
    /// </summary>
    public void EndSession(string sessionId) => Remove(s => sessionId.Equals(s.Session));

    internal static async ValueTask<EmptyResult> SubscribeAsync(RequestContext<SubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = request.Params?.Uri;
        var parsed = Subscribable(request.Server, uri);
        var subscriptions = ClusterResources.Services(request).GetRequiredService<ResourceSubscriptions>();
        await subscriptions.AddAsync(new Subscriber(SessionOf(request.Server), request.Server, uri!, parsed, null), cancellationToken).ConfigureAwait(false);
        return new EmptyResult();
    }

    internal static ValueTask<EmptyResult> UnsubscribeAsync(RequestContext<UnsubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        var session = SessionOf(request.Server);
        var uri = request.Params?.Uri;
        ClusterResources.Services(request).GetRequiredService<ResourceSubscriptions>().Remove(s => s.Session == session && s.ListenId is null && s.Uri == uri);
        return ValueTask.FromResult(new EmptyResult());
    }

    /// <summary>
    /// subscriptions/listen (2026-07-28 revision): acknowledges the task resources it will watch, then keeps the
    /// request open, delivering their updates over it, until the client cancels it.
    /// </summary>
    internal static async ValueTask<EmptyResult> ListenAsync(RequestContext<SubscriptionsListenRequestParams> request, CancellationToken cancellationToken)
    {
        var subscriptions = ClusterResources.Services(request).GetRequiredService<ResourceSubscriptions>();
        var id = request.JsonRpcRequest.Id;
        var session = new object();
        var granted = new List<string>();
        try
        {
            foreach (var uri in request.Params?.Notifications?.ResourceSubscriptions ?? [])
            {
                if (ResourceUri.TryParse(uri) is { Subscribable: true } parsed)
                {
                    await subscriptions.AddAsync(new Subscriber(session, request.Server, uri, parsed, id), cancellationToken).ConfigureAwait(false);
                    granted.Add(uri);
                }
            }
            var acknowledgement = JsonSerializer.SerializeToNode(
                new SubscriptionsAcknowledgedNotificationParams { Notifications = new SubscriptionsListenNotifications { ResourceSubscriptions = granted.Count > 0 ? granted : null } },
                McpJsonUtilities.DefaultOptions)!.AsObject();
            await request.Server.SendMessageAsync(Tagged(NotificationMethods.SubscriptionsAcknowledgedNotification, acknowledgement, id), cancellationToken).ConfigureAwait(false);
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client ended the subscription.
        }
        finally
        {
            subscriptions.Remove(s => s.Session == session);
        }
        return new EmptyResult();
    }

    /// <summary>
    /// The session a request belongs to. Requests of one session reach the handlers through different
    /// per-request server objects, so the session is named by its id (HTTP) or, where a transport has
    /// no id (stdio: one session per server), by the server's options, which each server has its own of.
    /// </summary>
    private static object SessionOf(McpServer server) => (object?)server.SessionId ?? server.ServerOptions;

    private static ResourceUri Subscribable(McpServer server, string? uri)
    {
        var parsed = ResourceUri.TryParse(uri) ?? throw ClusterResources.NotFound(server, uri);
        return parsed.Subscribable
            ? parsed
            : throw new McpProtocolException($"'{uri}' does not change on its own; subscribe to {ResourceUri.ClusterTasks} or {ResourceUri.TaskTemplate} instead.", McpErrorCode.InvalidParams);
    }

    /// <summary>Records what the watched tasks look like now, then adds the subscriber: what changes from here on is notified.</summary>
    private async Task AddAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        using var caller = ClusterResources.EnterCaller("resources/subscribe");
        if (subscriber.Resource.Kind == ResourceUriKind.Task)
        {
            var upid = subscriber.Resource.Upid!;
            var state = await ClusterResources.Call(() => ReadTaskAsync(upid, cancellationToken)).ConfigureAwait(false);
            lock (_lock)
            {
                _watchedTasks.TryAdd(upid, state);
            }
        }
        else
        {
            var tasks = await ClusterResources.Call(() => api.GetAsync("/cluster/tasks", cancellationToken: cancellationToken)).ConfigureAwait(false);
            lock (_lock)
            {
                if (!_clusterBaseline)
                {
                    Remember(tasks);
                    _clusterBaseline = true;
                }
            }
        }
        lock (_lock)
        {
            _subscribers.RemoveAll(s => s.Session == subscriber.Session && s.ListenId == subscriber.ListenId && s.Uri == subscriber.Uri);
            _subscribers.Add(subscriber);
            if (!_watching)
            {
                _watching = true;
                // The watch outlives the request that started it: it must not carry the request's context along.
                using (ExecutionContext.SuppressFlow())
                {
                    _watch = Task.Run(() => WatchAsync(_stopping.Token));
                }
            }
        }
    }

    private void Remove(Predicate<Subscriber> match)
    {
        lock (_lock)
        {
            _subscribers.RemoveAll(match);
            var upids = _subscribers.Where(s => s.Resource.Kind == ResourceUriKind.Task).Select(s => s.Resource.Upid!).ToHashSet(StringComparer.Ordinal);
            foreach (var upid in _watchedTasks.Keys.Where(u => !upids.Contains(u)).ToList())
            {
                _watchedTasks.Remove(upid);
            }
            if (!_subscribers.Any(s => s.Resource.Kind == ResourceUriKind.ClusterTasks))
            {
                _clusterBaseline = false;
                _clusterTasks.Clear();
            }
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var caller = ClusterResources.EnterCaller("resources/subscribe");
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.ResourceWatchInterval, cancellationToken).ConfigureAwait(false);
                List<Subscriber> subscribers;
                bool clusterWatched;
                lock (_lock)
                {
                    subscribers = [.. _subscribers];
                    clusterWatched = _clusterBaseline;
                    // Decided under the lock, so a subscriber added meanwhile starts a new watch.
                    if (subscribers.Count == 0)
                    {
                        _watching = false;
                        return;
                    }
                }
                var changed = new HashSet<string>(StringComparer.Ordinal);
                JsonElement? clusterList = null;
                if (clusterWatched)
                {
                    clusterList = await api.GetAsync("/cluster/tasks", cancellationToken: cancellationToken).ConfigureAwait(false);
                    lock (_lock)
                    {
                        if (Remember(clusterList.Value))
                        {
                            changed.Add(ResourceUri.ClusterTasks);
                        }
                    }
                }
                foreach (var upid in subscribers.Where(s => s.Resource.Kind == ResourceUriKind.Task).Select(s => s.Resource.Upid!).Distinct(StringComparer.Ordinal).ToList())
                {
                    var state = clusterList?.Items().FirstOrDefault(t => t.String("upid") == upid) is { ValueKind: JsonValueKind.Object } listed
                        ? listed.String("status")
                        : await ReadTaskAsync(upid, cancellationToken).ConfigureAwait(false);
                    lock (_lock)
                    {
                        if (_watchedTasks.TryGetValue(upid, out var known) && known != state)
                        {
                            changed.Add(upid);
                        }
                        _watchedTasks[upid] = state;
                    }
                }
                foreach (var subscriber in subscribers.Where(s => changed.Contains(s.Resource.Kind == ResourceUriKind.Task ? s.Resource.Upid! : ResourceUri.ClusterTasks)))
                {
                    await NotifyAsync(subscriber, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A failed read (an unreachable node, a timeout) skips one round; the watch goes on.
                logger.LogWarning("Watching tasks for resource subscribers: {Message}", exception.Message);
            }
        }
    }

    /// <summary>Takes in the cluster's task list; true when a task appeared or its status changed since the last look.</summary>
    private bool Remember(JsonElement tasks)
    {
        var changed = false;
        foreach (var task in tasks.Items())
        {
            if (task.String("upid") is not { } upid)
            {
                continue;
            }
            var status = task.String("status");
            if (!_clusterTasks.TryGetValue(upid, out var known) || known != status)
            {
                changed = true;
                _clusterTasks[upid] = status;
            }
        }
        // Forget tasks that dropped off the list, so it does not grow without end.
        var present = tasks.Items().Select(t => t.String("upid")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _clusterTasks.Keys.Where(u => !present.Contains(u)).ToList())
        {
            _clusterTasks.Remove(gone);
        }
        return changed && _clusterBaseline;
    }

    /// <summary>A task's exit status, or null while it runs.</summary>
    private async Task<string?> ReadTaskAsync(string upid, CancellationToken cancellationToken)
    {
        var parsed = Upid.Parse(upid);
        var status = await api.GetAsync(ApiPath.Build("nodes", parsed.Node, "tasks", parsed.Text, "status"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return status.String("status") == "stopped" ? status.String("exitstatus") ?? "stopped" : null;
    }

    private async Task NotifyAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        var parameters = new JsonObject { ["uri"] = subscriber.Uri };
        var notification = subscriber.ListenId is { } id
            ? Tagged(NotificationMethods.ResourceUpdatedNotification, parameters, id)
            : new JsonRpcNotification { Method = NotificationMethods.ResourceUpdatedNotification, Params = parameters };
        try
        {
            await subscriber.Server.SendMessageAsync(notification, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The session is gone (closed transport, ended HTTP session): its subscriptions end with it.
            logger.LogDebug("Dropping the subscriptions of a session that no longer answers: {Message}", exception.Message);
            Remove(s => s.Session == subscriber.Session);
        }
    }

    /// <summary>A notification of a subscriptions/listen stream carries the listen request's id in _meta.</summary>
    private static JsonRpcNotification Tagged(string method, JsonObject parameters, RequestId listenId)
    {
        var meta = parameters["_meta"] as JsonObject ?? new JsonObject();
        meta[MetaKeys.SubscriptionId] = listenId.Id switch
        {
            string text => JsonValue.Create(text),
            long number => JsonValue.Create(number),
            _ => null,
        };
        parameters["_meta"] = meta;
        return new JsonRpcNotification { Method = method, Params = parameters };
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_watch is { } watch)
        {
            await watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _stopping.Dispose();
    }

    /// <summary>One subscription: whose, the server to answer through, the URI as the client wrote it, and the listen request it came with (2026-07-28).</summary>
    private sealed record Subscriber(object Session, McpServer Server, string Uri, ResourceUri Resource, RequestId? ListenId);
}
