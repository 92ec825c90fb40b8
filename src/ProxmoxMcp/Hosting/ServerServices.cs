using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Api;
using ProxmoxMcp.Api.Authentication;
using ProxmoxMcp.Audit;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Exec;
using ProxmoxMcp.Safety;
using ProxmoxMcp.Safety.Confirmation;
using ProxmoxMcp.Safety.Policy;
using ProxmoxMcp.Tasks;
using ProxmoxMcp.Tools;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// The one place that wires the server: options, the guarded API client, the HTTP pipeline with the
/// wire guard on every client, the task tracker and the tool classes. Logs go to stderr only.
/// </summary>
public static class ServerServices
{
    /// <param name="options">Validated settings.</param>
    /// <param name="minimumLevel">stderr verbosity.</param>
    /// <param name="taskOptions">How the task tracker polls.</param>
    /// <param name="addLogging">Another log destination (tests read what was logged).</param>
    public static ServiceProvider Build(ProxmoxOptions options, LogLevel minimumLevel, TaskTrackerOptions? taskOptions = null, Action<ILoggingBuilder>? addLogging = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging
                .SetMinimumLevel(minimumLevel)
                // HttpClient's own per-request lines would drown the server's; failures surface as tool errors.
                .AddFilter("System.Net.Http", LogLevel.Warning)
                // The SDK logs two lines per request at Information; keep them for debug runs.
                .AddFilter("ModelContextProtocol", minimumLevel <= LogLevel.Debug ? minimumLevel : LogLevel.Warning)
                .AddProvider(new StderrLoggerProvider());
            addLogging?.Invoke(logging);
        });

        services.AddSingleton(options);
        services.AddSingleton(taskOptions ?? new TaskTrackerOptions());
        services.AddSingleton(new CertificatePolicy(options));
        services.AddSingleton<CreatedGuests>();
        // The policy reads the cluster's state (tags, disks, free space) over an API client of its own,
        // which the proxy does not wrap; it is built here and never registered, so no tool can take it.
        services.AddSingleton(provider => new DestructivePolicy(options, new ApiPolicyFacts(CreateClient(provider, options)), provider.GetRequiredService<CreatedGuests>()));
        services.AddSingleton<SafetyInterceptor>();

        // One HttpClient, and so one pool of kept-alive TLS connections, for every request to Proxmox; the
        // wire guard sits in front of the certificate-checking handler, so no DELETE can leave whoever built it.
        services.AddSingleton(provider => new HttpClient(new WireGuardHandler(provider.GetRequiredService<ILogger<WireGuardHandler>>())
        {
            InnerHandler = provider.GetRequiredService<CertificatePolicy>().CreateHandler(),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        });

        // One login for every client: with a password, a single ticket serves the tools and the policy's reads.
        services.AddSingleton(provider => ApiAuthentication.For(options,
            provider.GetRequiredService<HttpClient>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<IApiAuthentication>>()));

        // Built on first use (the Castle proxy type is emitted then); a client that is not guarded is never handed out.
        services.AddSingleton<IProxmoxApi>(provider =>
        {
            var api = GuardedApiFactory.Wrap(CreateClient(provider, options), provider.GetRequiredService<SafetyInterceptor>());
            return GuardedApiFactory.IsGuarded(api) ? api : throw new RegistryIntegrityException(["the Proxmox API client is not wrapped by the safety interceptor"]);
        });

        services.AddSingleton<TaskTracker>();
        services.AddSingleton<ResourceSubscriptions>();
        services.AddSingleton<GuestLocator>();
        services.AddSingleton<WriteScopeGuard>();
        services.AddSingleton<InventoryTools>();
        services.AddSingleton<DiagnosticsTools>();
        services.AddSingleton<LifecycleTools>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<VmidAllocator>();
        services.AddSingleton<ProvisioningTools>();
        services.AddSingleton(options.Ssh);
        services.AddSingleton<HostKeyPins>();
        services.AddSingleton<OpenSshRunner>();
        services.AddSingleton<SshNetRunner>();
        services.AddSingleton<ISshRunner>(provider => options.Ssh.Client == SshClientKind.OpenSsh
            ? provider.GetRequiredService<OpenSshRunner>()
            : provider.GetRequiredService<SshNetRunner>());
        services.AddSingleton<AgentExecRunner>();
        services.AddSingleton<GuestOsProbe>();
        services.AddSingleton<ExecGuard>();
        services.AddSingleton<ExecAudit>();
        services.AddSingleton<ArgumentMasker>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ConfirmationGate>();
        services.AddSingleton<ConfirmationStamps>();
        services.AddSingleton<GuestExecTools>();
        services.AddSingleton<Tools.Preview.ChangePreviewer>();
        services.AddSingleton<Safety.Snapshots.SafetySnapshots>();
        services.AddSingleton<PreviewTools>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static ProxmoxHttpClient CreateClient(IServiceProvider provider, ProxmoxOptions options) => new(
        provider.GetRequiredService<HttpClient>(),
        options,
        provider.GetRequiredService<CertificatePolicy>(),
        provider.GetRequiredService<ILogger<ProxmoxHttpClient>>(),
        provider.GetRequiredService<IApiAuthentication>());
}
