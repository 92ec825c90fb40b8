using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Exec;

/// <summary>
/// Runs one command on a node with the system OpenSSH client, as a child process with an argument
/// list (no local shell). Host keys are always checked strictly (never accept-new), against
/// PROXMOX_SSH_KNOWN_HOSTS or the user's own known_hosts with the system-wide one, or a pinned
/// fingerprint; the user's ~/.ssh/config and agent keep working. The remote command line is built
/// from POSIX-quoted words and wrapped so that the remote process ends when the connection ends
/// (timeout or cancellation).
/// </summary>
public sealed class OpenSshRunner(SshOptions ssh, HostKeyPins pins, ILogger<OpenSshRunner> logger) : ISshRunner
{
    /// <summary>
    /// Runs "$@" in the background, and kills it when the SSH channel's stdin closes, which is what
    /// happens when the client closes the channel or goes away. A TERM or HUP sent to the session
    /// (sshd delivers a `signal` request to the session's whole process group, this shell included) is
    /// passed on to the command: `timeout` runs in a process group of its own, so without the trap it
    /// and the command would outlive the shell until the time limit. Arguments arrive as separate
    /// words, never re-parsed.
    /// </summary>
    internal const string Watchdog =
        "p= w=; trap 'kill -TERM $p $w 2>/dev/null; exit 143' TERM HUP; " +
        "exec 3<&0; \"$@\" 3<&- & p=$!; " +
        "{ cat <&3 >/dev/null 2>&1; kill -TERM \"$p\" 2>/dev/null; } >/dev/null 2>&1 & w=$!; " +
        "exec 3<&-; wait \"$p\"; s=$?; kill \"$w\" 2>/dev/null; exit \"$s\"";

    /// <summary>Extra seconds the remote `timeout` waits before KILL, and the local side before giving up.</summary>
    internal const int GraceSeconds = 5;

    /// <summary>The remote command line both SSH clients send: the time limit and the watchdog around the quoted words.</summary>
    internal static string RemoteLine(IReadOnlyList<string> command, TimeSpan timeout)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        var remote = new List<string> { "timeout", "-k", GraceSeconds.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture) };
        remote.AddRange(command);
        return WatchdogLine(remote);
    }

    /// <summary>The quoted words under the watchdog alone, without the time limit.</summary>
    internal static string WatchdogLine(IReadOnlyList<string> words) => "sh -c " + PosixShell.Quote(Watchdog) + " proxmox-mcp " + PosixShell.Join(words);

    public async Task<ExecOutcome> RunAsync(SshTarget target, IReadOnlyList<string> command, TimeSpan timeout, int maxOutputBytes, CancellationToken cancellationToken)
    {
        Safety.Preview.PreviewLog.EnsureNotPreview("An SSH command");
        var remoteLine = RemoteLine(command, timeout);

        var start = new ProcessStartInfo(ssh.Command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in await ArgumentsAsync(target, cancellationToken).ConfigureAwait(false))
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(target.Host);
        start.ArgumentList.Add(remoteLine);

        string? askPass = null;
        if (ssh.Password is { } password)
        {
            askPass = AskPass.CreateScript();
            start.Environment["SSH_ASKPASS"] = askPass;
            start.Environment["SSH_ASKPASS_REQUIRE"] = "force";
            start.Environment[AskPass.PasswordVariable] = password;
            start.Environment.TryAdd("DISPLAY", ":0");
        }

        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        try
        {
            if (!process.Start())
            {
                throw new ExecFailedException($"Could not start the SSH client '{ssh.Command}'.");
            }
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new ExecFailedException($"Could not start the SSH client '{ssh.Command}' ({exception.Message}); install OpenSSH or set PROXMOX_SSH_COMMAND.");
        }

        var stdout = new BoundedOutput(maxOutputBytes);
        var stderr = new BoundedOutput(maxOutputBytes);
        // stdin stays open and empty: closing it is the remote watchdog's signal to stop the command.
        var reading = Task.WhenAll(stdout.DrainAsync(process.StandardOutput.BaseStream, CancellationToken.None), stderr.DrainAsync(process.StandardError.BaseStream, CancellationToken.None));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout + TimeSpan.FromSeconds(GraceSeconds));
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            if (askPass is not null)
            {
                File.Delete(askPass);
            }
        }
        await reading.ConfigureAwait(false);
        watch.Stop();
        cancellationToken.ThrowIfCancellationRequested();

        var exit = timedOut ? (int?)null : process.ExitCode;
        var error = stderr.ToString();
        if (exit == 255 && LooksLikeSshFailure(error))
        {
            throw new ExecFailedException(DescribeSshFailure(target, error));
        }
        // `timeout` exits 124 (TERM) or 137 (KILL) when it had to end the command.
        if (exit is 124 or 137 && watch.Elapsed >= timeout)
        {
            timedOut = true;
            exit = null;
        }
        logger.LogDebug("ssh {Target}: exit {Exit} after {Elapsed} ms", target, exit, watch.ElapsedMilliseconds);
        return new ExecOutcome(exit, timedOut, stdout.ToString(), stdout.Truncated, error, stderr.Truncated, watch.Elapsed);
    }

    private async Task<List<string>> ArgumentsAsync(SshTarget target, CancellationToken cancellationToken)
    {
        var arguments = new List<string>
        {
            "-T",
            "-o", ssh.Password is null ? "BatchMode=yes" : "BatchMode=no",
            "-o", "StrictHostKeyChecking=yes",
            "-o", "UpdateHostKeys=no",
            "-o", "ConnectTimeout=10",
            "-o", "ServerAliveInterval=15",
            "-o", "ServerAliveCountMax=3",
            "-o", "LogLevel=ERROR",
            "-p", target.Port.ToString(CultureInfo.InvariantCulture),
            "-l", target.User,
        };
        if (ssh.Password is not null)
        {
            arguments.AddRange(["-o", "NumberOfPasswordPrompts=1"]);
        }
        if (ssh.HostKeyFingerprint is { } pin)
        {
            var pinned = await pins.KnownHostsFileAsync(target, pin, KeyscanCommand(), cancellationToken).ConfigureAwait(false);
            arguments.AddRange(["-o", $"UserKnownHostsFile={pinned}", "-o", "GlobalKnownHostsFile=/dev/null"]);
        }
        else
        {
            if (ssh.KnownHostsFile is { } knownHosts)
            {
                arguments.AddRange(["-o", $"UserKnownHostsFile={knownHosts}"]);
            }
            // The same system-wide file the SSH.NET client reads (ssh would also read ssh_known_hosts2).
            arguments.AddRange(["-o", $"GlobalKnownHostsFile={ssh.GlobalKnownHostsFile ?? "/dev/null"}"]);
        }
        if (ssh.KeyFile is { } key)
        {
            arguments.AddRange(["-i", key, "-o", "IdentitiesOnly=yes"]);
        }
        return arguments;
    }

    private string KeyscanCommand()
    {
        var directory = Path.GetDirectoryName(ssh.Command);
        return string.IsNullOrEmpty(directory) ? "ssh-keyscan" : Path.Combine(directory, "ssh-keyscan");
    }

    private static bool LooksLikeSshFailure(string stderr) =>
        stderr.Contains("Host key verification failed", StringComparison.Ordinal)
        || stderr.Contains("Permission denied", StringComparison.Ordinal)
        || stderr.Contains("ssh:", StringComparison.Ordinal)
        || stderr.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.Ordinal)
        || stderr.Contains("No ", StringComparison.Ordinal) && stderr.Contains("host key is known", StringComparison.Ordinal);

    private string DescribeSshFailure(SshTarget target, string stderr)
    {
        // ssh frames its host key warnings in lines of @; the sentences under them say what happened.
        var detail = string.Join(' ', stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('@')).Take(3));
        var where = ssh.HostKeyFingerprint is not null ? "the pinned PROXMOX_SSH_HOST_KEY_FINGERPRINT"
            : (ssh.KnownHostsFile is not null ? $"PROXMOX_SSH_KNOWN_HOSTS ({ssh.KnownHostsFile})" : "~/.ssh/known_hosts")
                + (ssh.GlobalKnownHostsFile is { } global ? $" and {global}" : string.Empty);
        if (stderr.Contains("REVOKED HOST KEY", StringComparison.Ordinal) || detail.Contains("marked as revoked", StringComparison.Ordinal))
        {
            return $"SSH to {target} refused: the node's host key is marked @revoked ({detail}). It is checked against {where}; a revoked key is never accepted.";
        }
        if (detail.Contains("Host key verification failed", StringComparison.Ordinal) || stderr.Contains("IDENTIFICATION HAS CHANGED", StringComparison.Ordinal) || detail.Contains("host key is known", StringComparison.Ordinal))
        {
            return $"SSH to {target} refused: the node's host key is unknown or changed ({detail}). It is checked against {where} and unknown keys are never accepted; verify the node's key and add it there.";
        }
        if (detail.Contains("Permission denied", StringComparison.Ordinal))
        {
            return $"SSH to {target} refused the login ({detail}); check PROXMOX_SSH_USER and PROXMOX_SSH_KEY_FILE (or the agent, or PROXMOX_SSH_PASSWORD).";
        }
        return $"SSH to {target} failed: {detail}";
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
