using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using ProxmoxMcp.Api;
using ProxmoxMcp.Safety;
using ProxmoxMcp.Safety.Policy;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Tests.Safety;

/// <summary>
/// The Castle proxy around the API client, with the wrapped client a substitute: a refused call never
/// reaches it, for every method of <see cref="IProxmoxApi"/>; an allowed one does, unchanged.
/// </summary>
public sealed class ProxyRefusalTests
{
    private static (IProxmoxApi Guarded, IProxmoxApi Inner) Wrap()
    {
        var inner = Substitute.For<IProxmoxApi>();
        inner.GetAsync(default!, default, default).ReturnsForAnyArgs(JsonSerializer.SerializeToElement(new { }));
        inner.PostAsync(default!, default, default).ReturnsForAnyArgs(JsonSerializer.SerializeToElement("UPID:pve1:0000ABCD:00000000:00000000:qmstart:100:mcp@pve!agent:"));
        inner.PutAsync(default!, default, default).ReturnsForAnyArgs(JsonSerializer.SerializeToElement(new { }));
        var policy = new DestructivePolicy(PolicyTestSettings.Options);
        return (GuardedApiFactory.Wrap(inner, new SafetyInterceptor(policy, NullLogger<SafetyInterceptor>.Instance)), inner);
    }

    public static TheoryData<string, string, string?> Refused => new()
    {
        { "GET", "/nodes/pve1/qemu/100/agent/file-read", "file=/etc/shadow" },
        { "GET", "/nodes/pve1/qemu/100/../../../access/users", null },
        { "POST", "/nodes/pve1/qemu/100/snapshot/before/rollback", null },
        { "POST", "/nodes/pve1/qemu/100/status/start", "skiplock=1" },
        { "POST", "/nodes/pve1/qemu", "vmid=900&scsi0=/dev/sda" },
        { "PUT", "/nodes/pve1/qemu/100/config", "delete=scsi0" },
        { "PUT", "/nodes/pve1/qemu/100/resize", "disk=scsi0&size=1G" },
        { "PUT", "/nodes/pve1/lxc/200/config", "hookscript=local:snippets/x.sh" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_refused_call_never_reaches_the_wrapped_client(string method, string path, string? query)
    {
        var (guarded, inner) = Wrap();
        var parameters = Parameters(query);
        using var caller = PolicyCaller.Enter("a_tool", CallerRole.Tool, new ToolCall("a_tool", ToolTier.Provision));

        Task<JsonElement> Send() => method switch
        {
            "GET" => guarded.GetAsync(path, parameters, TestContext.Current.CancellationToken),
            "POST" => guarded.PostAsync(path, parameters, TestContext.Current.CancellationToken),
            _ => guarded.PutAsync(path, parameters, TestContext.Current.CancellationToken),
        };
        await Should.ThrowAsync<SafetyRefusedException>(Send);

        await inner.DidNotReceiveWithAnyArgs().GetAsync(default!, default, TestContext.Current.CancellationToken);
        await inner.DidNotReceiveWithAnyArgs().PostAsync(default!, default, TestContext.Current.CancellationToken);
        await inner.DidNotReceiveWithAnyArgs().PutAsync(default!, default, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Writes_without_a_tool_call_never_reach_the_wrapped_client_for_any_method()
    {
        var (guarded, inner) = Wrap();

        await Should.ThrowAsync<SafetyRefusedException>(() => guarded.PostAsync("/nodes/pve1/qemu/100/status/start", cancellationToken: TestContext.Current.CancellationToken));
        await Should.ThrowAsync<SafetyRefusedException>(() => guarded.PutAsync("/nodes/pve1/qemu/100/config", new ProxmoxParameters().Add("memory", 4096L), TestContext.Current.CancellationToken));

        await inner.DidNotReceiveWithAnyArgs().PostAsync(default!, default, TestContext.Current.CancellationToken);
        await inner.DidNotReceiveWithAnyArgs().PutAsync(default!, default, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Allowed_calls_reach_the_wrapped_client_unchanged()
    {
        var (guarded, inner) = Wrap();
        using var caller = PolicyCaller.Enter("start_vm", CallerRole.Tool, new ToolCall("start_vm", ToolTier.Lifecycle));

        await guarded.GetAsync("/cluster/resources", cancellationToken: TestContext.Current.CancellationToken);
        await guarded.PostAsync("/nodes/pve1/qemu/100/status/start", cancellationToken: TestContext.Current.CancellationToken);

        await inner.Received(1).GetAsync("/cluster/resources", null, TestContext.Current.CancellationToken);
        await inner.Received(1).PostAsync("/nodes/pve1/qemu/100/status/start", null, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Every_method_of_the_client_is_one_the_interceptor_knows()
    {
        // The interceptor refuses members it does not know; this keeps the refusal tests above complete.
        typeof(IProxmoxApi).GetMethods().Select(m => m.Name).ShouldBe(["GetAsync", "PostAsync", "PutAsync"], ignoreOrder: true);
    }

    private static ProxmoxParameters? Parameters(string? query)
    {
        if (query is null)
        {
            return null;
        }
        var parameters = new ProxmoxParameters();
        foreach (var pair in query.Split('&'))
        {
            var parts = pair.Split('=', 2);
            parameters.Add(parts[0], parts[1]);
        }
        return parameters;
    }
}
