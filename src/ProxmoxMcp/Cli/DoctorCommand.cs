using Microsoft.Extensions.Logging;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProxmoxMcp.Api;
using ProxmoxMcp.Api.Authentication;
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

        var login = runtime.Services.GetRequiredService<IApiAuthentication>();
        await Report(true, $"configuration: {login.Description} at {options.Host}:{options.Port}" +
            (options.TlsFingerprint is not null ? ", certificate pinned" : options.VerifySsl ? ", certificate verified" : ", certificate NOT verified (set PROXMOX_TLS_FINGERPRINT to pin it)"));
        if (options.Login == Configuration.ApiLogin.Password)
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
                    ? $"SSH for exec on node {node.Name}: {target} logs in, host key verified ({(options.Ssh.Client == Configuration.SshClientKind.OpenSsh ? "OpenSSH client" : "SSH.NET")})"
                    : $"SSH for exec on node {node.Name}: {target} ran `true` with exit {outcome.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(timed out)"}: {outcome.Stderr.Trim()}").ConfigureAwait(false);
            }
            catch (ExecFailedException exception)
            {
                await report(false, $"SSH for exec on node {node.Name}: {exception.Message}").ConfigureAwait(false);
            }
        }
    }

    private static string Who(Configuration.ProxmoxOptions options) => options.Login == Configuration.ApiLogin.Password ? $"user {options.User}" : "token";

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
