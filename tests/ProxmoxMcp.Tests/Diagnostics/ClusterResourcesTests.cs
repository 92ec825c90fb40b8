using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Sandbox;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests.Diagnostics;

/// <summary>
/// Live state as MCP resources through the SDK's client: listed, read by template, subscribed (with
/// resources/subscribe, and with subscriptions/listen on the 2026-07-28 revision) with an update observed
/// when a task starts and when it ends; completions for vmid, node and storage.
/// </summary>
public sealed class ClusterResourcesTests
{
    private static readonly TimeSpan NotificationWait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Resources_and_templates_are_listed_and_read()
    {
        await using var harness = await ServerHarness.StartAsync();
        var client = harness.Client;
        client.ServerCapabilities.Resources!.Subscribe.ShouldBe(true);
        client.ServerCapabilities.Completions.ShouldNotBeNull();

        var resources = await client.ListResourcesAsync(cancellationToken: Token);
        resources.Select(r => r.Uri).ShouldBe(["proxmox://cluster/resources", "proxmox://cluster/tasks", "proxmox://nodes/pve1/status", "proxmox://nodes/pve2/status", "proxmox://nodes/pve3/status"]);
        var templates = await client.ListResourceTemplatesAsync(cancellationToken: Token);
        templates.Select(t => t.UriTemplate).ShouldBe(["proxmox://nodes/{node}/status", "proxmox://nodes/{node}/storage/{storage}", "proxmox://guests/{vmid}/config", "proxmox://tasks/{upid}"]);

        var cluster = await Read(client, "proxmox://cluster/resources");
        cluster.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ShouldContain("qemu/100");
        (await Read(client, "proxmox://nodes/pve1/status")).GetProperty("cores").GetInt32().ShouldBe(16);
        var storage = await Read(client, "proxmox://nodes/pve1/storage/local-lvm");
        storage.GetProperty("total_gib").GetDouble().ShouldBe(800);
        (await Read(client, "proxmox://guests/100/config")).GetProperty("options").GetProperty("name").GetString().ShouldBe("docker");
        (await Read(client, "proxmox://guests/200/config")).GetProperty("options").GetProperty("hostname").GetString().ShouldBe("pihole");

        var tasks = await Read(client, "proxmox://cluster/tasks");
        var upid = tasks.GetProperty("tasks")[0].GetProperty("upid").GetString()!;
        var task = await Read(client, ResourceUri.Task(upid));
        task.GetProperty("upid").GetString().ShouldBe(upid);
        task.GetProperty("log").GetArrayLength().ShouldBeGreaterThan(0);

        // A template filled in by the SDK (its arguments URI-encoded) reads the same.
        var template = templates.Single(t => t.UriTemplate == ResourceUri.TaskTemplate);
        var read = await template.ReadAsync(new Dictionary<string, object?> { ["upid"] = upid }, cancellationToken: Token);
        read.Contents.OfType<TextResourceContents>().Single().Text.ShouldContain(upid);
    }

    [Fact]
    public async Task Unknown_and_unreachable_resources_are_clear_errors()
    {
        await using var harness = await ServerHarness.StartAsync();

        var unknown = await Should.ThrowAsync<McpException>(async () => await harness.Client.ReadResourceAsync("proxmox://nodes/pve1/../secrets", cancellationToken: Token));
        unknown.Message.ShouldContain("No such resource");
        (await Should.ThrowAsync<McpException>(async () => await harness.Client.ReadResourceAsync("proxmox://guests/99/config", cancellationToken: Token))).Message.ShouldContain("No such resource");
        (await Should.ThrowAsync<McpException>(async () => await harness.Client.ReadResourceAsync("proxmox://nodes/pve3/status", cancellationToken: Token))).Message.ShouldContain("offline");
        (await Should.ThrowAsync<McpException>(async () => await harness.Client.ReadResourceAsync("proxmox://guests/555/config", cancellationToken: Token))).Message.ShouldContain("No VM or container with id 555");
        harness.Sandbox.Requests.Snapshot().ShouldNotContain(r => r.Path.Contains("secrets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_subscriber_hears_when_a_task_starts_and_when_it_ends()
    {
        // The sandbox's clock stands still until the test moves it, so the task cannot end before the
        // test has subscribed to it, however slow the machine.
        var clock = new ManualClock();
        await using var harness = await ServerHarness.StartAsync(client: new McpClientOptions { ProtocolVersion = "2025-11-25" }, sandboxOptions: new SandboxOptions { Time = clock });
        harness.Client.NegotiatedProtocolVersion.ShouldBe("2025-11-25");
        var updates = Collect(harness.Client);
        (await Should.ThrowAsync<McpException>(() => harness.Client.SubscribeToResourceAsync("proxmox://guests/100/config", cancellationToken: Token))).Message.ShouldContain("does not change on its own");
        await harness.Client.SubscribeToResourceAsync(ResourceUri.ClusterTasks, cancellationToken: Token);

        // Work this client did not start: a task another user starts on the cluster.
        string upid;
        lock (harness.Sandbox.Cluster.Sync)
        {
            upid = harness.Sandbox.Cluster.StartTask("pve2", "qmstart", "102", "someone@pve", null, TimeSpan.FromSeconds(2));
        }
        (await updates.WaitAsync(ResourceUri.ClusterTasks)).ShouldBeTrue("the task list changed when the task started");
        await harness.Client.SubscribeToResourceAsync(ResourceUri.Task(upid), cancellationToken: Token);
        clock.Advance(TimeSpan.FromSeconds(3));

        (await updates.WaitAsync(ResourceUri.Task(upid))).ShouldBeTrue("the task's own resource changed when it ended");
        var ended = await Read(harness.Client, ResourceUri.Task(upid));
        ended.GetProperty("status").GetString().ShouldBe("stopped");
        ended.GetProperty("succeeded").GetBoolean().ShouldBeTrue();
        updates.Count(ResourceUri.ClusterTasks).ShouldBeGreaterThanOrEqualTo(2, "started, then ended");

        var subscriptions = harness.Services.GetService(typeof(ResourceSubscriptions)) as ResourceSubscriptions;
        subscriptions!.Count.ShouldBe(2);
        await harness.Client.UnsubscribeFromResourceAsync(ResourceUri.ClusterTasks, cancellationToken: Token);
        await harness.Client.UnsubscribeFromResourceAsync(ResourceUri.Task(upid), cancellationToken: Token);
        subscriptions.Count.ShouldBe(0);
        var heard = updates.Total;
        lock (harness.Sandbox.Cluster.Sync)
        {
            harness.Sandbox.Cluster.StartTask("pve1", "vzstart", "200", "someone@pve", null, TimeSpan.FromMilliseconds(100));
        }
        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(600, Token);
        updates.Total.ShouldBe(heard, "nothing after unsubscribing");
    }

    [Fact]
    public async Task A_client_of_the_2026_revision_subscribes_with_subscriptions_listen()
    {
        await using var harness = await ServerHarness.StartAsync(client: new McpClientOptions { ProtocolVersion = "2026-07-28" });
        harness.Client.NegotiatedProtocolVersion.ShouldBe("2026-07-28");
        var acknowledged = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var ack = harness.Client.RegisterNotificationHandler(NotificationMethods.SubscriptionsAcknowledgedNotification, (n, _) =>
        {
            acknowledged.TrySetResult(n.Params);
            return ValueTask.CompletedTask;
        });
        var updates = Collect(harness.Client);
        var id = new RequestId("listen-1");
        var listen = harness.Client.SendRequestAsync(new JsonRpcRequest
        {
            Id = id,
            Method = RequestMethods.SubscriptionsListen,
            Params = new JsonObject { ["notifications"] = new JsonObject { ["resourceSubscriptions"] = new JsonArray(ResourceUri.ClusterTasks, "proxmox://guests/100/config") } },
        }, CancellationToken.None);

        var granted = (await acknowledged.Task.WaitAsync(NotificationWait, Token))!;
        granted["notifications"]!["resourceSubscriptions"]!.AsArray().Select(u => u!.GetValue<string>()).ShouldBe([ResourceUri.ClusterTasks]);
        granted["_meta"]![MetaKeys.SubscriptionId]!.GetValue<string>().ShouldBe("listen-1");
        lock (harness.Sandbox.Cluster.Sync)
        {
            harness.Sandbox.Cluster.StartTask("pve1", "qmstart", "101", "someone@pve", null, TimeSpan.FromMilliseconds(300));
        }
        (await updates.WaitAsync(ResourceUri.ClusterTasks)).ShouldBeTrue();
        updates.Last!["_meta"]![MetaKeys.SubscriptionId]!.GetValue<string>().ShouldBe("listen-1");

        await harness.Client.SendMessageAsync(new JsonRpcNotification
        {
            Method = NotificationMethods.CancelledNotification,
            Params = JsonNode.Parse("""{"requestId":"listen-1","reason":"done"}"""),
        }, Token);
        var subscriptions = (ResourceSubscriptions)harness.Services.GetService(typeof(ResourceSubscriptions))!;
        for (var i = 0; i < 100 && subscriptions.Count > 0; i++)
        {
            await Task.Delay(50, Token);
        }
        subscriptions.Count.ShouldBe(0);
        _ = listen;
    }

    [Fact]
    public async Task Completions_offer_matching_vmids_nodes_and_storages()
    {
        await using var harness = await ServerHarness.StartAsync();
        var config = new ResourceTemplateReference { Uri = ResourceUri.GuestConfigTemplate };
        var storage = new ResourceTemplateReference { Uri = ResourceUri.StorageTemplate };

        var vmids = (await harness.Client.CompleteAsync(config, "vmid", "10", cancellationToken: Token)).Completion;
        vmids.Values.ShouldBe(["100", "101", "102", "103", "104"]);
        vmids.Total.ShouldBe(5);
        vmids.HasMore.ShouldBe(false);
        (await harness.Client.CompleteAsync(config, "vmid", "2", cancellationToken: Token)).Completion.Values.ShouldBe(["200", "201", "202", "203", "204"]);
        (await harness.Client.CompleteAsync(storage, "node", "pve", cancellationToken: Token)).Completion.Values.ShouldBe(["pve1", "pve2", "pve3"]);
        (await harness.Client.CompleteAsync(storage, "storage", "local-", cancellationToken: Token)).Completion.Values.ShouldBe(["local-lvm"]);
        (await harness.Client.CompleteAsync(storage, "storage", "", cancellationToken: Token)).Completion.Values.ShouldBe(["local", "local-lvm"]);
        (await harness.Client.CompleteAsync(config, "colour", "r", cancellationToken: Token)).Completion.Values.ShouldBeEmpty();

        var scoped = await harness.Client.CompleteAsync(new CompleteRequestParams
        {
            Ref = config,
            Argument = new Argument { Name = "vmid", Value = "" },
            Context = new CompleteContext { Arguments = new Dictionary<string, string> { ["node"] = "pve3" } },
        }, Token);
        scoped.Completion.Values.ShouldBe(["104", "204"]);
    }

    [Fact]
    public async Task Completions_stay_within_the_MCP_limit_and_say_there_is_more()
    {
        await using var harness = await ServerHarness.StartAsync(sandboxOptions: new ProxmoxMcp.Sandbox.SandboxOptions { ExtraGuests = 250 });

        var vmids = (await harness.Client.CompleteAsync(new ResourceTemplateReference { Uri = ResourceUri.GuestConfigTemplate }, "vmid", "1", cancellationToken: Token)).Completion;

        vmids.Values.Count.ShouldBe(ArgumentCompletions.MaxValues);
        vmids.Values[0].ShouldBe("100");
        vmids.HasMore.ShouldBe(true);
        vmids.Total.ShouldBe(255);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Read(McpClient client, string uri)
    {
        var result = await client.ReadResourceAsync(uri, cancellationToken: Token);
        var text = result.Contents.OfType<TextResourceContents>().Single();
        text.MimeType.ShouldBe("application/json");
        return JsonDocument.Parse(text.Text).RootElement;
    }

    private static Updates Collect(McpClient client)
    {
        var updates = new Updates();
        client.RegisterNotificationHandler(NotificationMethods.ResourceUpdatedNotification, (notification, _) =>
        {
            updates.Add(notification.Params);
            return ValueTask.CompletedTask;
        });
        return updates;
    }

    /// <summary>The notifications/resources/updated a client received, by URI.</summary>
    private sealed class Updates
    {
        private readonly List<JsonNode?> _received = [];

        public int Total
        {
            get
            {
                lock (_received)
                {
                    return _received.Count;
                }
            }
        }

        public JsonNode? Last
        {
            get
            {
                lock (_received)
                {
                    return _received[^1];
                }
            }
        }

        public void Add(JsonNode? parameters)
        {
            lock (_received)
            {
                _received.Add(parameters?.DeepClone());
            }
        }

        public int Count(string uri)
        {
            lock (_received)
            {
                return _received.Count(p => p?["uri"]?.GetValue<string>() == uri);
            }
        }

        public async Task<bool> WaitAsync(string uri)
        {
            var deadline = DateTime.UtcNow + NotificationWait;
            while (DateTime.UtcNow < deadline)
            {
                if (Count(uri) > 0)
                {
                    return true;
                }
                await Task.Delay(25, Token);
            }
            return false;
        }
    }
}
