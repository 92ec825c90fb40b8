using ProxmoxMcp.Tools;
using ProxmoxMcp.Safety.Policy;
using Castle.DynamicProxy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProxmoxMcp.Api;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Safety;

namespace ProxmoxMcp.Tests.Safety;

/// <summary>Layers 3 and 4 on their own: the interceptor, the wire guard, and how DI wires them.</summary>
public sealed class SafetyLayersTests
{
    private static readonly ProxmoxOptions Options = new() { Host = "127.0.0.1", Port = 8006, User = "root@pam", TokenName = "mcp", TokenValue = "secret" };

    [Theory]
    [InlineData("PUT", "/nodes/pve1/qemu/100/config", "delete", "scsi1")]
    [InlineData("POST", "/nodes/pve1/qemu/100/snapshot/before/rollback", null, null)]
    [InlineData("POST", "/nodes/pve1/vzdump", "vmid", "100")]
    [InlineData("POST", "/nodes/pve1/qemu", "archive", "local:backup/x.vma.zst")]
    [InlineData("PUT", "/nodes/pve1/disks/wipedisk", "disk", "/dev/sda")]
    public async Task A_refused_call_fails_clearly_and_nothing_reaches_the_wire(string method, string path, string? key, string? value)
    {
        var wire = new RecordingHandler();
        var api = Guarded(wire);
        var parameters = new ProxmoxParameters();
        if (key is not null)
        {
            parameters.Add(key, value);
        }

        var call = method == "PUT" ? api.PutAsync(path, parameters, TestContext.Current.CancellationToken) : api.PostAsync(path, parameters, TestContext.Current.CancellationToken);
        var refusal = await Should.ThrowAsync<SafetyRefusedException>(call);

        refusal.Message.ShouldContain("refused");
        wire.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_allowed_call_goes_through_the_proxy_to_the_wire()
    {
        var wire = new RecordingHandler();
        var api = Guarded(wire);
        using var caller = PolicyCaller.Enter("start_vm", CallerRole.Tool, new ToolCall("start_vm", ToolTier.Lifecycle));

        var data = await api.PostAsync("/nodes/pve1/qemu/100/status/start", cancellationToken: TestContext.Current.CancellationToken);

        data.GetString()!.ShouldStartWith("UPID:pve1:");
        wire.Requests.ShouldBe(["POST /api2/json/nodes/pve1/qemu/100/status/start"]);
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("TRACE")]
    public async Task The_wire_guard_refuses_every_method_but_GET_POST_PUT_whoever_built_the_request(string method)
    {
        var wire = new RecordingHandler();
        using var client = new HttpClient(new WireGuardHandler(NullLogger<WireGuardHandler>.Instance) { InnerHandler = wire });

        await Should.ThrowAsync<SafetyRefusedException>(client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "https://127.0.0.1:8006/api2/json/nodes/pve1/qemu/100"), TestContext.Current.CancellationToken));

        wire.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_HttpClient_of_the_server_container_carries_the_wire_guard()
    {
        using var services = ServerServices.Build(Options, LogLevel.None);
        var client = services.GetRequiredService<HttpClient>();

        // Port 9 (discard) is never contacted: the guard refuses before any connection is made.
        await Should.ThrowAsync<SafetyRefusedException>(client.SendAsync(new HttpRequestMessage(new HttpMethod("DELETE"), "https://127.0.0.1:9/api2/json/nodes/pve1/qemu/100"), TestContext.Current.CancellationToken));
        services.GetServices<HttpClient>().ShouldHaveSingleItem();
    }

    [Fact]
    public void The_api_resolved_from_DI_is_a_Castle_proxy_with_the_safety_interceptor()
    {
        using var services = ServerServices.Build(Options, LogLevel.None);

        var api = services.GetRequiredService<IProxmoxApi>();

        ProxyUtil.IsProxy(api).ShouldBeTrue();
        GuardedApiFactory.IsGuarded(api).ShouldBeTrue();
        api.ShouldNotBeOfType<ProxmoxHttpClient>();
    }

    [Fact]
    public void An_unwrapped_client_is_not_reported_as_guarded()
    {
        using var http = new HttpClient(new RecordingHandler());
        var raw = new ProxmoxHttpClient(http, Options, new CertificatePolicy(Options), NullLogger<ProxmoxHttpClient>.Instance);

        GuardedApiFactory.IsGuarded(raw).ShouldBeFalse();
    }

    private static IProxmoxApi Guarded(HttpMessageHandler wire)
    {
        var http = new HttpClient(new WireGuardHandler(NullLogger<WireGuardHandler>.Instance) { InnerHandler = wire });
        var raw = new ProxmoxHttpClient(http, Options, new CertificatePolicy(Options), NullLogger<ProxmoxHttpClient>.Instance);
        return GuardedApiFactory.Wrap(raw, new SafetyInterceptor(new DestructivePolicy(Options), NullLogger<SafetyInterceptor>.Instance));
    }
}
