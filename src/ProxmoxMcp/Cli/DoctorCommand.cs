using Microsoft.Extensions.Logging;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProxmoxMcp.Api;
using ProxmoxMcp.Api.Authentication;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Exec;
using ProxmoxMcp.Tools.Support;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Safety;

namespace ProxmoxMcp.Cli;

/// <summary>
/// <c>proxmox-mcp doctor</c>: checks what a user gets wrong most (configuration, reachability, TLS,
/// the token and its privileges) and steers toward a least-privilege API token.
/// Exit 0 when every check passes, 1 otherwise.
/// </summary>
internal static class DoctorCommand
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> settings, bool sandbox, TextWriter output, CancellationToken cancellationToken)
    {
        await using var runtime = await ServerRuntime.CreateAsync(settings, sandbox, LogLevel.Warning, cancellationToken).ConfigureAwait(false);
        var options = runtime.Options;
        var failures = 0;
        async Task Report(bool ok, string text)
        {
            failures += ok ? 0 : 1;
            await output.WriteLineAsync($"{(ok ? "ok  " : "FAIL")}  {text}").ConfigureAwait(false);
        }

        if (settings is ResolvedSettings { Profile: { } profile, ProfilesFile: { } file } resolved)
        {
            await Report(true, $"profile {profile} from {file}");
            foreach (var key in resolved.OverriddenByEnvironment)
            {
                await output.WriteLineAsync($"note  {key} comes from the environment (or .env), not from profile {profile}").ConfigureAwait(false);
            }
            if (OthersMayRead(file))
            {
                await output.WriteLineAsync($"note  {file} holds secrets and other users may read it: chmod 600 {file}").ConfigureAwait(false);
            }
        }

        var login = runtime.Services.GetRequiredService<IApiAuthentication>();
        await Report(true, $"configuration: {login.Description} at {options.Host}:{options.Port}" +
            (options.TlsFingerprint is not null ? ", certificate pinned" : options.VerifySsl ? ", certificate verified" : ", certificate NOT verified (set PROXMOX_TLS_FINGERPRINT to pin it)"));
        if (options.Login == ApiLogin.Password)
        {
            await output.WriteLineAsync($"note  {options.User} logs in with a password; an API token is recommended instead: it holds only the privileges its role grants (the README's least-privilege role), needs no second factor, and can be revoked without changing a password (README, 'A least-privilege API token')").ConfigureAwait(false);
        }
        await Report(true, $"tool registry: {ToolCatalog.All.Count} tools, checksum {ToolCatalog.Checksum}" +
            (options.RegistryPin is not null ? " (matches PROXMOX_MCP_REGISTRY_PIN)" : string.Empty) + $", {runtime.Tools.Count} exposed");

        await Report(true, $"exposed tiers: {string.Join(", ", Enum.GetValues<Tools.ToolTier>().Where(options.Exposes).Select(Tools.ToolTierNames.Name))}" +
            (options.Confirm.IsEmpty ? "; no call needs confirmation (PROXMOX_CONFIRM is empty)" : $"; confirmation asked for {options.Confirm} (timeout {options.ConfirmTimeout.TotalSeconds:0} s)"));
        await Report(true, options.AuditLogPath is { } auditPath
            ? $"audit: every tool call is recorded in {auditPath} (check it with 'proxmox-mcp audit verify')"
            : "audit: stderr only (PROXMOX_MCP_AUDIT_LOG=off)");

        var api = runtime.Services.GetRequiredService<IProxmoxApi>();
        try
        {
            var version = await api.GetAsync("/version", cancellationToken: cancellationToken).ConfigureAwait(false);
            await Report(true, $"API reachable: Proxmox VE {version.String("version")} (release {version.String("release")})");
            var permissions = await api.GetAsync("/access/permissions", cancellationToken: cancellationToken).ConfigureAwait(false);
            var granted = Privileges(permissions);
            var missing = PrivilegeAdvice.Required(options).Where(p => !granted.Contains(p)).ToList();
            await Report(missing.Count == 0, missing.Count == 0
                ? $"{Who(options)} privileges cover every enabled tool"
                : $"{Who(options)} lacks {string.Join(", ", missing)}: the tools that need them will fail with 403");
            var excess = PrivilegeAdvice.Risky.Where(granted.Contains).ToList();
            if (excess.Count > 0)
            {
                await output.WriteLineAsync($"note  the {Who(options)} also holds {string.Join(", ", excess)}, which no tool needs; a token with only the role in the README limits what a leaked secret can do").ConfigureAwait(false);
            }
            if (options.EnableExec)
            {
                await CheckSshAsync(runtime, Report, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ProxmoxApiException exception)
        {
            await Report(false, exception.Message);
        }
        catch (SafetyRefusedException exception)
        {
            await Report(false, exception.Message);
        }
        return failures == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>
    /// <c>doctor --all-profiles</c>: every profile in the profiles file in turn, each with the environment
    /// over it as when it is served. Exit 0 when all pass, 1 when any fails.
    /// </summary>
    public static async Task<int> RunAllProfilesAsync(IReadOnlyDictionary<string, string> environment, TextWriter output, CancellationToken cancellationToken)
    {
        var file = ProfilesFile.Load(ProfilesFile.PathFor(environment));
        var failed = new List<string>();
        foreach (var profile in file.Profiles.Keys)
        {
            await output.WriteLineAsync($"== profile {profile} ==").ConfigureAwait(false);
            int code;
            try
            {
                code = await RunAsync(ResolvedSettings.FromFile(environment, file, profile), sandbox: false, output, cancellationToken).ConfigureAwait(false);
            }
            catch (ConfigurationException exception)
            {
                foreach (var problem in exception.Problems)
                {
                    await output.WriteLineAsync($"FAIL  {problem}").ConfigureAwait(false);
                }
                code = ExitCodes.Failed;
            }
            if (code != ExitCodes.Ok)
            {
                failed.Add(profile);
            }
            await output.WriteLineAsync().ConfigureAwait(false);
        }
        await output.WriteLineAsync(failed.Count == 0
            ? $"all {file.Profiles.Count} profiles pass"
            : $"{failed.Count} of {file.Profiles.Count} profiles fail: {string.Join(", ", failed)}").ConfigureAwait(false);
        return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>Whether a file that may hold passwords and token secrets is open to other users (Unix modes).</summary>
    private static bool OthersMayRead(string file)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(file))
        {
            return false;
        }
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        return (File.GetUnixFileMode(file) & others) != 0;
    }

    /// <summary>With exec on, logs in to each online node the way exec_in_container will, and runs `true`.</summary>
    private static async Task CheckSshAsync(ServerRuntime runtime, Func<bool, string, Task> report, CancellationToken cancellationToken)
    {
        var options = runtime.Options;
        var snapshot = await ClusterSnapshot.ReadAsync(runtime.Services.GetRequiredService<IProxmoxApi>(), cancellationToken).ConfigureAwait(false);
        var ssh = runtime.Services.GetRequiredService<ISshRunner>();
        foreach (var node in snapshot.Nodes.Where(n => n.Online))
        {
            var target = new SshTarget(options.Ssh.HostFor(node.Name, options.Host), options.Ssh.Port, options.Ssh.User);
            try
            {
                var outcome = await ssh.RunAsync(target, ["true"], TimeSpan.FromSeconds(15), 4096, cancellationToken).ConfigureAwait(false);
                await report(outcome.ExitCode == 0, outcome.ExitCode == 0
                    ? $"SSH for exec on node {node.Name}: {target} logs in, host key verified ({(options.Ssh.Client == SshClientKind.OpenSsh ? "OpenSSH client" : "SSH.NET")})"
                    : $"SSH for exec on node {node.Name}: {target} ran `true` with exit {outcome.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(timed out)"}: {outcome.Stderr.Trim()}").ConfigureAwait(false);
            }
            catch (ExecFailedException exception)
            {
                await report(false, $"SSH for exec on node {node.Name}: {exception.Message}").ConfigureAwait(false);
            }
        }
    }

    private static string Who(ProxmoxOptions options) => options.Login == ApiLogin.Password ? $"user {options.User}" : "token";

    private static HashSet<string> Privileges(JsonElement permissions)
    {
        var granted = new HashSet<string>(StringComparer.Ordinal);
        if (permissions.ValueKind != JsonValueKind.Object)
        {
            return granted;
        }
        foreach (var path in permissions.EnumerateObject())
        {
            if (path.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            foreach (var privilege in path.Value.EnumerateObject())
            {
                granted.Add(privilege.Name);
            }
        }
        return granted;
    }
}
