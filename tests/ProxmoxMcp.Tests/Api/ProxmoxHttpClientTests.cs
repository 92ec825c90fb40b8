using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProxmoxMcp.Api;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Sandbox;
using RichardSzalay.MockHttp;

namespace ProxmoxMcp.Tests.Api;

/// <summary>The HTTP client against the sandbox over real loopback HTTPS (no safety proxy: these test the client itself).</summary>
public sealed class ProxmoxHttpClientTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;

    public async ValueTask InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions(), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Unwraps_the_data_envelope_and_tolerates_numbers_as_strings()
    {
        var api = Client(Options());

        var containers = await api.GetAsync("/nodes/pve1/lxc", cancellationToken: TestContext.Current.CancellationToken);

        containers.ValueKind.ShouldBe(JsonValueKind.Array);
        var pihole = containers.EnumerateArray().Single(c => c.String("name") == "pihole");
        pihole.GetProperty("vmid").ValueKind.ShouldBe(JsonValueKind.String);
        pihole.Int64("vmid").ShouldBe(200);
    }

    [Fact]
    public async Task Sends_the_API_token_header_the_server_splits_at_the_last_equals_sign()
    {
        await Client(Options()).GetAsync("/version", cancellationToken: TestContext.Current.CancellationToken);

        _sandbox.Requests.Snapshot().Last().TokenId.ShouldBe("root@pam!mcp");
        Options().AuthorizationHeader.ShouldBe($"PVEAPIToken=root@pam!mcp={_sandbox.Tokens.Full.Secret}");
    }

    [Fact]
    public async Task Escapes_path_segments_and_sends_query_parameters()
    {
        var api = Client(Options());

        await api.GetAsync(ApiPath.Build("nodes", "pve1", "storage", "local", "content"), new ProxmoxParameters().Add("content", "iso"), TestContext.Current.CancellationToken);

        var request = _sandbox.Requests.Snapshot().Last();
        request.Path.ShouldBe("/nodes/pve1/storage/local/content");
        request.Parameters.ShouldBe([new KeyValuePair<string, string>("content", "iso")]);
        ApiPath.Build("nodes", "a/b?c", 101).ShouldBe("/nodes/a%2Fb%3Fc/101");
        Should.Throw<ArgumentException>(() => ApiPath.Build("nodes", "..", "qemu"));
    }

    [Theory]
    [InlineData("https:/api2/json/nodes")]
    [InlineData("//evil.example/api2/json/nodes")]
    [InlineData("/nodes/pve1/qemu/100/status/../../../../version")]
    [InlineData("/nodes/pve1/./qemu")]
    public async Task A_path_a_URI_parser_would_read_differently_is_refused_not_reinterpreted(string path)
    {
        var wire = new RecordingHandler();
        using var http = new HttpClient(wire);
        var api = new ProxmoxHttpClient(http, Options(), new CertificatePolicy(Options()), NullLogger<ProxmoxHttpClient>.Instance);

        await Should.ThrowAsync<ProxmoxMcp.Safety.SafetyRefusedException>(() => api.GetAsync(path, cancellationToken: TestContext.Current.CancellationToken));

        wire.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Posts_form_bodies_with_booleans_as_1_and_0_and_arrays_as_repeated_keys()
    {
        var api = Client(Options());

        var upid = await api.PostAsync("/nodes/pve1/qemu/100/snapshot",
            new ProxmoxParameters().Add("snapname", "test1").Add("vmstate", false), TestContext.Current.CancellationToken);

        upid.GetString()!.ShouldStartWith("UPID:pve1:");
        _sandbox.Requests.Snapshot().Last().Parameters.ShouldContain(new KeyValuePair<string, string>("vmstate", "0"));
        var repeated = new ProxmoxParameters().AddEach("command", ["echo", "a b"]);
        repeated.Select(p => p.Key).ShouldBe(["command", "command"]);
    }

    [Fact]
    public async Task A_pinned_fingerprint_is_enforced_and_a_changed_certificate_refused()
    {
        var api = Client(Options());
        await api.GetAsync("/version", cancellationToken: TestContext.Current.CancellationToken);

        _sandbox.RotateCertificate();
        var refused = await Should.ThrowAsync<ProxmoxApiException>(Client(Options(fingerprint: "AB" + new string('0', 62))).GetAsync("/version", cancellationToken: TestContext.Current.CancellationToken));

        refused.StatusCode.ShouldBe(0);
        refused.Message.ShouldContain("does not match PROXMOX_TLS_FINGERPRINT");
    }

    [Fact]
    public async Task The_old_pin_fails_after_the_certificate_changes()
    {
        var pinned = Options();
        _sandbox.RotateCertificate();

        var refused = await Should.ThrowAsync<ProxmoxApiException>(Client(pinned).GetAsync("/version", cancellationToken: TestContext.Current.CancellationToken));

        refused.Message.ShouldContain(CertificatePolicy.Format(_sandbox.CertificateFingerprint));
        refused.Message.ShouldContain(CertificatePolicy.Format(pinned.TlsFingerprint!));
        await Client(Options()).GetAsync("/version", cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Verify_ssl_refuses_a_self_signed_certificate_and_the_default_accepts_it()
    {
        var verifying = Options() with { TlsFingerprint = null, VerifySsl = true };
        var refused = await Should.ThrowAsync<ProxmoxApiException>(Client(verifying).GetAsync("/version", cancellationToken: TestContext.Current.CancellationToken));
        refused.Message.ShouldContain("certificate verification failed");

        var homelabDefault = Options() with { TlsFingerprint = null, VerifySsl = false };
        await Client(homelabDefault).GetAsync("/version", cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_401_says_which_settings_to_check()
    {
        var error = await Should.ThrowAsync<ProxmoxApiException>(Client(Options() with { TokenValue = "wrong" }).GetAsync("/nodes", cancellationToken: TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(401);
        error.Message.ShouldContain("PROXMOX_TOKEN_VALUE");
    }

    [Fact]
    public async Task A_403_names_the_missing_privilege()
    {
        var readOnly = Options(token: _sandbox.Tokens.ReadOnly);

        var error = await Should.ThrowAsync<ProxmoxApiException>(Client(readOnly).PostAsync("/nodes/pve1/qemu/102/status/start", cancellationToken: TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(403);
        error.Message.ShouldContain("Permission check failed (/vms/102, VM.PowerMgmt)");
        error.Message.ShouldContain("grant it to the token");
    }

    [Fact]
    public async Task A_500_carries_the_server_text_and_a_595_names_the_offline_node()
    {
        var api = Client(Options());

        var stopped = await Should.ThrowAsync<ProxmoxApiException>(api.PostAsync("/nodes/pve2/qemu/102/status/shutdown", cancellationToken: TestContext.Current.CancellationToken));
        stopped.StatusCode.ShouldBe(500);
        stopped.Message.ShouldBe("VM 102 not running");

        var offline = await Should.ThrowAsync<ProxmoxApiException>(api.GetAsync("/nodes/pve3/qemu", cancellationToken: TestContext.Current.CancellationToken));
        offline.StatusCode.ShouldBe(595);
        offline.Message.ShouldContain("the node may be offline");
    }

    [Fact]
    public async Task A_400_keeps_the_per_parameter_errors()
    {
        var error = await Should.ThrowAsync<ProxmoxApiException>(Client(Options()).GetAsync("/cluster/nextid", new ProxmoxParameters().Add("vmid", 100L), TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(400);
        error.ParameterErrors["vmid"].ShouldBe("VM 100 already exists");
        error.Message.ShouldContain("vmid: VM 100 already exists");
    }

    [Fact]
    public async Task Older_servers_put_the_message_only_in_the_reason_phrase()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { ReasonPhrase = "VM 100 not running", Content = new ByteArrayContent([]) });
        var options = Options();
        var api = new ProxmoxHttpClient(new HttpClient(mock), options, new CertificatePolicy(options), NullLogger<ProxmoxHttpClient>.Instance);

        var error = await Should.ThrowAsync<ProxmoxApiException>(api.GetAsync("/nodes/pve1/qemu/100/status/current", cancellationToken: TestContext.Current.CancellationToken));

        error.Message.ShouldBe("VM 100 not running");
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_a_dropped_connection_is_reported()
    {
        _sandbox.Faults.Latency = TimeSpan.FromSeconds(3);
        var impatient = Options() with { RequestTimeout = TimeSpan.FromMilliseconds(300) };

        var timeout = await Should.ThrowAsync<ProxmoxApiException>(Client(impatient).GetAsync("/version", cancellationToken: TestContext.Current.CancellationToken));
        timeout.Message.ShouldContain("did not answer GET /version within");

        _sandbox.Faults.Clear();
        _sandbox.Faults.Drop("^/nodes$");
        var dropped = await Should.ThrowAsync<ProxmoxApiException>(Client(Options()).GetAsync("/nodes", cancellationToken: TestContext.Current.CancellationToken));
        dropped.StatusCode.ShouldBe(0);
    }

    [Fact]
    public async Task Cancellation_stops_the_call()
    {
        _sandbox.Faults.Latency = TimeSpan.FromSeconds(5);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(Client(Options()).GetAsync("/version", cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task Secrets_never_reach_the_log()
    {
        var logs = new CollectingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var options = Options();
        var certificates = new CertificatePolicy(options);
        var api = new ProxmoxHttpClient(new HttpClient(certificates.CreateHandler()), options, certificates, factory.CreateLogger<ProxmoxHttpClient>());

        await api.GetAsync("/nodes", cancellationToken: TestContext.Current.CancellationToken);
        await api.PostAsync("/nodes/pve1/lxc", new ProxmoxParameters().Add("vmid", 300L).Add("ostemplate", "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst").Add("password", "hunter2-secret"), TestContext.Current.CancellationToken);
        await Should.ThrowAsync<ProxmoxApiException>(api.PostAsync("/nodes/pve2/qemu/102/status/shutdown", cancellationToken: TestContext.Current.CancellationToken));

        logs.Lines.ShouldNotBeEmpty();
        logs.Lines.ShouldAllBe(line => !line.Contains(options.TokenValue, StringComparison.Ordinal) && !line.Contains("hunter2", StringComparison.Ordinal));
    }

    private ProxmoxOptions Options(string? fingerprint = null, SandboxToken? token = null) =>
        ServerHarness.OptionsFor(_sandbox, token ?? _sandbox.Tokens.Full) with { TlsFingerprint = fingerprint ?? _sandbox.CertificateFingerprint };

    private static ProxmoxHttpClient Client(ProxmoxOptions options)
    {
        var certificates = new CertificatePolicy(options);
        return new(new HttpClient(certificates.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan }, options, certificates, NullLogger<ProxmoxHttpClient>.Instance);
    }
}
