using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using ProxmoxMcp.Sandbox.Endpoints;
using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox;

/// <summary>
/// The simulated Proxmox VE cluster, served over HTTPS on 127.0.0.1 with a certificate made at
/// start. In-process for <c>--sandbox</c> and tests; standalone through this project's Program.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private X509Certificate2 _certificate;

    private SandboxServer(WebApplication app, X509Certificate2 certificate, SandboxCluster cluster, ApiRouter router, SandboxTokens tokens, SandboxLogins logins, RequestLog requests, FaultInjector faults)
    {
        Logins = logins;
        _app = app;
        _certificate = certificate;
        Cluster = cluster;
        Router = router;
        Tokens = tokens;
        Requests = requests;
        Faults = faults;
    }

    public string Host => "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>https://127.0.0.1:PORT/api2/json/</summary>
    public Uri BaseUrl => new($"https://{Host}:{Port}/api2/json/");

    /// <summary>SHA-256 of the current certificate, upper-case hex.</summary>
    public string CertificateFingerprint => SandboxCertificate.Fingerprint(_certificate);

    public SandboxCluster Cluster { get; }

    public ApiRouter Router { get; }

    public SandboxTokens Tokens { get; }

    /// <summary>The users who may log in with a password, and the tickets they were given.</summary>
    public SandboxLogins Logins { get; }

    public RequestLog Requests { get; }

    public FaultInjector Faults { get; }

    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        var cluster = new SandboxCluster(options, options.Time);
        ClusterSeeder.Seed(cluster);
        var router = new ApiRouter();
        var logins = new SandboxLogins();
        ApiEndpoints.MapAll(router, cluster, logins);
        var tokens = new SandboxTokens();
        var requests = new RequestLog();
        var faults = new FaultInjector();
        cluster.TaskFailure = faults.TakeTaskFailure;

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        SandboxServer? server = null;
        var certificate = SandboxCertificate.Create();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => server?._certificate ?? certificate);
            });
        });
        var app = builder.Build();
        var pipeline = new RequestPipeline(cluster, router, tokens, logins, requests, faults);
        app.Run(pipeline.HandleAsync);
        server = new SandboxServer(app, certificate, cluster, router, tokens, logins, requests, faults);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }

    /// <summary>Serves a new certificate from now on (fault injection: a renewed or swapped certificate).</summary>
    public void RotateCertificate() => _certificate = SandboxCertificate.Create();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
