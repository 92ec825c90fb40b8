using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Api;
using ProxmoxMcp.Api.Authentication;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Sandbox;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests.Api;

/// <summary>
/// PROXMOX_PASSWORD: the client logs in with POST /access/ticket, sends the ticket cookie on every
/// request and the CSRF header on writes, renews the ticket before its two hours end (and once more
/// after a 401), and never writes the password, the ticket or the CSRF token to its log.
/// </summary>
public sealed class PasswordLoginTests : IAsyncLifetime
{
    private readonly ManualClock _sandboxClock = new();
    private readonly ManualClock _clientClock = new();
    private readonly CollectingLoggerProvider _logs = new();
    private SandboxServer _sandbox = null!;

    public async ValueTask InitializeAsync() =>
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Time = _sandboxClock }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        var secrets = _sandbox.Logins.IssuedSecrets.Concat(_sandbox.Logins.All.Select(l => l.Password));
        Hardening.SecretScan.Scan(secrets, _logs.Lines.Select(l => ("log", l))).ShouldBeEmpty("a password, ticket or CSRF token reached the log");
    }

    [Fact]
    public async Task Reads_carry_the_ticket_and_writes_the_CSRF_token_as_well_with_one_login()
    {
        var (api, authentication) = Client(_sandbox.Logins.Root);

        await api.GetAsync("/version", cancellationToken: TestContext.Current.CancellationToken);
        await api.GetAsync("/cluster/resources", cancellationToken: TestContext.Current.CancellationToken);
        var upid = await api.PostAsync("/nodes/pve1/qemu/100/snapshot", new ProxmoxParameters().Add("snapname", "by_password"), TestContext.Current.CancellationToken);

        upid.GetString()!.ShouldEndWith(":root@pam:");
        var requests = _sandbox.Requests.Snapshot();
        requests.Count(r => r.Path == "/access/ticket").ShouldBe(1);
        requests.Where(r => r.Path != "/access/ticket").ShouldAllBe(r => r.Status == 200 && r.TokenId == "root@pam");
        authentication.Logins.ShouldBe(1);
        authentication.Description.ShouldBe("password login as root@pam (a ticket, renewed every 90 minutes)");
    }

    [Fact]
    public async Task A_wrong_password_says_which_settings_to_check_and_never_echoes_the_password()
    {
        var login = _sandbox.Logins.Root with { Password = "wrong-password-value" };
        var (api, _) = Client(login);

        var error = await Should.ThrowAsync<ProxmoxApiException>(api.GetAsync("/version", cancellationToken: TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(401);
        error.Message.ShouldContain("PROXMOX_USER");
        error.Message.ShouldContain("PROXMOX_PASSWORD");
        error.Message.ShouldNotContain("wrong-password-value");
        _sandbox.Requests.Snapshot().ShouldHaveSingleItem().Path.ShouldBe("/access/ticket");
    }

    [Fact]
    public async Task A_realm_with_a_second_factor_is_refused_with_advice_to_use_a_token()
    {
        var (api, _) = Client(_sandbox.Logins.SecondFactor);

        var error = await Should.ThrowAsync<ProxmoxApiException>(api.GetAsync("/version", cancellationToken: TestContext.Current.CancellationToken));

        error.Message.ShouldContain("second factor");
        error.Message.ShouldContain("API token");
        _sandbox.Requests.Snapshot().ShouldAllBe(r => r.Path == "/access/ticket");
    }

    [Fact]
    public async Task The_ticket_is_renewed_before_its_two_hours_end()
    {
        var (api, authentication) = Client(_sandbox.Logins.Root);
        await api.GetAsync("/version", cancellationToken: TestContext.Current.CancellationToken);

        _clientClock.Advance(TimeSpan.FromMinutes(89));
        _sandboxClock.Advance(TimeSpan.FromMinutes(89));
        await api.GetAsync("/version", cancellationToken: TestContext.Current.CancellationToken);
        authentication.Logins.ShouldBe(1);

        _clientClock.Advance(TimeSpan.FromMinutes(2));
        _sandboxClock.Advance(TimeSpan.FromMinutes(2));
        await api.PostAsync("/nodes/pve2/qemu/102/status/start", cancellationToken: TestContext.Current.CancellationToken);

        authentication.Logins.ShouldBe(2);
        _sandbox.Requests.Snapshot().ShouldAllBe(r => r.Status == 200, "the new ticket came before the old one expired: nothing was refused");
    }

    [Fact]
    public async Task A_ticket_the_node_refuses_is_replaced_and_the_request_sent_once_more()
    {
        var (api, authentication) = Client(_sandbox.Logins.Root);
        await api.GetAsync("/version", cancellationToken: TestContext.Current.CancellationToken);

        // The node's clock ran ahead (or the machine slept): the node sees an expired ticket first.
        _sandboxClock.Advance(TimeSpan.FromHours(3));
        var upid = await api.PostAsync("/nodes/pve2/qemu/102/status/start", cancellationToken: TestContext.Current.CancellationToken);

        upid.GetString()!.ShouldStartWith("UPID:pve2:");
        authentication.Logins.ShouldBe(2);
        var starts = _sandbox.Requests.Snapshot().Where(r => r.Path == "/nodes/pve2/qemu/102/status/start").Select(r => r.Status).ToList();
        starts.ShouldBe([401, 200]);
    }

    [Fact]
    public async Task Requests_that_all_need_a_login_share_one()
    {
        var (api, authentication) = Client(_sandbox.Logins.LeastPrivilege);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.GetAsync("/cluster/resources", cancellationToken: TestContext.Current.CancellationToken)));

        authentication.Logins.ShouldBe(1);
        _sandbox.Requests.Snapshot().Count(r => r.Path == "/access/ticket").ShouldBe(1);
    }

    [Fact]
    public async Task The_server_logs_in_with_a_password_and_every_safety_layer_still_applies()
    {
        await using var harness = await ServerHarness.StartAsync(login: logins => logins.Root);
        harness.Options.Login.ShouldBe(ApiLogin.Password);

        var started = await harness.CallAsync("start_vm", new { vmid = 102 });
        started.IsError.ShouldNotBe(true, ServerHarness.Text(started));

        var guarded = harness.Services.GetRequiredService<IProxmoxApi>();
        await Should.ThrowAsync<ProxmoxMcp.Safety.SafetyRefusedException>(guarded.PostAsync("/nodes/pve1/qemu/100/snapshot/before_upgrade/rollback", cancellationToken: TestContext.Current.CancellationToken));
        harness.ExpectPolicyRefusals = 1;
        harness.Sandbox.Requests.Snapshot().ShouldNotContain(r => r.Path.EndsWith("/rollback", StringComparison.Ordinal));
        harness.Sandbox.Requests.Snapshot().Where(r => r.Path != "/access/ticket").ShouldAllBe(r => r.TokenId == "root@pam");
    }

    private (ProxmoxHttpClient Api, TicketAuthentication Authentication) Client(SandboxLogin login)
    {
        var options = SandboxConnection.OptionsFor(_sandbox, login);
        var certificates = new CertificatePolicy(options);
        var http = new HttpClient(certificates.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        var authentication = (TicketAuthentication)ApiAuthentication.For(options, http, _clientClock, factory.CreateLogger<TicketAuthentication>());
        return (new ProxmoxHttpClient(http, options, certificates, factory.CreateLogger<ProxmoxHttpClient>(), authentication), authentication);
    }
}
