using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Hosting.Http;

namespace ProxmoxMcp.Tests.Diagnostics;

/// <summary>
/// serve --http: subscriptions belong to the HTTP session that made them. A subscriber hears about tasks
/// over its own session; another session hears nothing; a session that ends takes its subscriptions along.
/// </summary>
public sealed class ResourceSubscriptionsOverHttpTests
{
    [Fact]
    public async Task Each_session_hears_only_its_own_subscriptions_and_they_end_with_it()
    {
        await using var runtime = await ServerRuntime.CreateAsync(new Dictionary<string, string> { ["PROXMOX_SANDBOX_TASK_SECONDS"] = "1" }, useSandbox: true, LogLevel.Warning, Token);
        await using var host = await HttpServerHost.StartAsync(runtime, new HttpServeOptions(new IPEndPoint(IPAddress.Loopback, 0)), Token);
        var subscriptions = runtime.Services.GetRequiredService<ResourceSubscriptions>();
        var options = new McpClientOptions { ProtocolVersion = "2025-11-25" };
        var subscriber = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = host.Url, TransportMode = HttpTransportMode.StreamableHttp }), options, cancellationToken: Token);
        await using var bystander = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = host.Url, TransportMode = HttpTransportMode.StreamableHttp }), options, cancellationToken: Token);
        var heard = new List<string>();
        var unsolicited = new List<string>();
        subscriber.RegisterNotificationHandler(NotificationMethods.ResourceUpdatedNotification, (n, _) => { lock (heard) { heard.Add(n.Params!["uri"]!.GetValue<string>()); } return ValueTask.CompletedTask; });
        bystander.RegisterNotificationHandler(NotificationMethods.ResourceUpdatedNotification, (n, _) => { lock (unsolicited) { unsolicited.Add(n.Params!["uri"]!.GetValue<string>()); } return ValueTask.CompletedTask; });

        await subscriber.SubscribeToResourceAsync(ResourceUri.ClusterTasks, cancellationToken: Token);
        lock (runtime.Sandbox!.Cluster.Sync)
        {
            runtime.Sandbox.Cluster.StartTask("pve1", "qmstart", "101", "someone@pve", null, TimeSpan.FromMilliseconds(500));
        }
        for (var i = 0; i < 150 && Count(heard) == 0; i++)
        {
            await Task.Delay(100, Token);
        }

        Count(heard).ShouldBeGreaterThan(0, "the subscriber hears of the new task over its session");
        heard.ShouldAllBe(uri => uri == ResourceUri.ClusterTasks);
        Count(unsolicited).ShouldBe(0, "the other session subscribed to nothing");
        subscriptions.Count.ShouldBe(1);

        await subscriber.DisposeAsync();
        lock (runtime.Sandbox.Cluster.Sync)
        {
            runtime.Sandbox.Cluster.StartTask("pve2", "vzstart", "203", "someone@pve", null, TimeSpan.FromMilliseconds(200));
        }
        for (var i = 0; i < 150 && subscriptions.Count > 0; i++)
        {
            await Task.Delay(100, Token);
        }
        subscriptions.Count.ShouldBe(0, "an ended session's subscriptions end with it");
        Count(unsolicited).ShouldBe(0);
    }

    private static int Count(List<string> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
