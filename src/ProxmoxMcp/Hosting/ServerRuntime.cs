using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Api;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Safety;
using ProxmoxMcp.Sandbox;
using ProxmoxMcp.Tasks;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// A configured, checked server: validated options, the service provider, the exposed tools, and
/// the in-process sandbox when <c>--sandbox</c> was given. Creating one runs the start-up safety
/// checks; a runtime that exists has passed them.
/// </summary>
public sealed class ServerRuntime : IAsyncDisposable
{
    private ServerRuntime(ProxmoxOptions options, ServiceProvider services, IReadOnlyList<ProxmoxToolBase> tools, SandboxServer? sandbox)
    {
        Options = options;
        Services = services;
        Tools = tools;
        Sandbox = sandbox;
    }

    public ProxmoxOptions Options { get; }

    public ServiceProvider Services { get; }

    public IReadOnlyList<ProxmoxToolBase> Tools { get; }

    public SandboxServer? Sandbox { get; }

    /// <summary>Throws <see cref="ConfigurationException"/> or <see cref="RegistryIntegrityException"/>; nothing starts then.</summary>
    /// <param name="settings">Environment and .env settings.</param>
    /// <param name="useSandbox">Start the in-process sandbox and point the server at it.</param>
    /// <param name="defaultLogLevel">stderr verbosity unless PROXMOX_LOG_LEVEL says otherwise: the server logs more than a one-shot CLI call.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<ServerRuntime> CreateAsync(IReadOnlyDictionary<string, string> settings, bool useSandbox, LogLevel defaultLogLevel, CancellationToken cancellationToken)
    {
        var level = ParseLogLevel(settings, defaultLogLevel);
        SandboxServer? sandbox = null;
        ProxmoxOptions options;
        if (useSandbox)
        {
            sandbox = await SandboxServer.StartAsync(SandboxOptions.ForInteractiveUse(settings), cancellationToken).ConfigureAwait(false);
            options = OptionsLoader.LoadForSandbox(settings, SandboxConnection.OptionsFor(sandbox, sandbox.Tokens.Full));
        }
        else
        {
            options = OptionsLoader.Load(settings);
        }

        StartupTrace.Mark("settings validated");
        RegistrySelfCheck.Ensure(ToolCatalog.All, ToolCatalog.Checksum, options.RegistryPin);
        StartupTrace.Mark("registry checked");
        var services = ServerServices.Build(options, level, sandbox is null ? null : new TaskTrackerOptions { FirstPollDelay = TimeSpan.FromMilliseconds(100) });
        StartupTrace.Mark("services built");
        if (options.Profile is not null && sandbox is null)
        {
            services.GetRequiredService<ILogger<ServerRuntime>>().LogInformation("Profile {Profile}: Proxmox at {Host}:{Port}", options.Profile, options.Host, options.Port);
        }
        if (sandbox is not null)
        {
            services.GetRequiredService<ILogger<ServerRuntime>>().LogInformation(
                "Sandbox cluster at {Url} (certificate SHA-256 {Fingerprint}); nothing here touches a real Proxmox", sandbox.BaseUrl, sandbox.CertificateFingerprint);
        }
        return new ServerRuntime(options, services, ToolCatalog.Exposed(options), sandbox);
    }

    /// <summary>
    /// Readies the Proxmox client in the background while the MCP handshake goes on, so the first tool
    /// call finds it made and its TLS connection open: the guarded client is built (the Castle proxy type
    /// is emitted) and checked, then one audit read (GET /version) opens the kept-alive connection. A
    /// client that is not guarded stops the server (exit 2): nothing is ever sent without the policy.
    /// A failed read only means the first call connects itself, and reports what is wrong.
    /// </summary>
    public Task WarmUpAsync(CancellationToken cancellationToken)
    {
        return _warmUp ??= Task.Run(async () =>
        {
            var logger = Services.GetRequiredService<ILogger<ServerRuntime>>();
            IProxmoxApi api;
            try
            {
                api = Services.GetRequiredService<IProxmoxApi>();
            }
            catch (RegistryIntegrityException exception)
            {
                logger.LogCritical("Refusing to serve: {Problem}", exception.Message);
                Environment.Exit(2);
                throw;
            }
            StartupTrace.Mark("guarded API client made");
            try
            {
                using var caller = Safety.Policy.PolicyCaller.Enter("(warm-up)", Safety.Policy.CallerRole.RawRead);
                await api.GetAsync("/version", cancellationToken: cancellationToken).ConfigureAwait(false);
                StartupTrace.Mark("Proxmox connection open");
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug("Warm-up read of /version failed; the first call will connect itself: {Problem}", exception.Message);
            }
        }, cancellationToken);
    }

    private Task? _warmUp;

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync().ConfigureAwait(false);
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static LogLevel ParseLogLevel(IReadOnlyDictionary<string, string> settings, LogLevel defaultLevel)
    {
        if (!settings.TryGetValue("PROXMOX_LOG_LEVEL", out var text) || string.IsNullOrWhiteSpace(text))
        {
            return defaultLevel;
        }
        return Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level) && !char.IsDigit(text.Trim()[0])
            ? level
            : throw new ConfigurationException([$"PROXMOX_LOG_LEVEL '{text}' must be one of: trace, debug, information, warning, error, critical, none"]);
    }
}
