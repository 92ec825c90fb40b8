using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Configuration;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace ProxmoxMcp.Exec;

/// <summary>
/// SSH in process with SSH.NET: no ssh binary needed, password login native, host keys checked in
/// this code (a pinned fingerprint, or the user's and the system-wide known_hosts with hashed and
/// @revoked lines; plain keys only, never a certificate; never accept-new), and one authenticated
/// connection per node, opened on first use, reused by later commands (each on its own channel, up to
/// <see cref="SessionsPerConnection"/> at once, the rest waiting for a free one), reopened when
/// dropped, closed when idle and at shutdown. The remote command line is the OpenSSH runner's:
/// POSIX-quoted words under `timeout` and a watchdog that ends the command when its channel closes;
/// cancellation and the time limit close the channel (never a signal).
/// </summary>
public sealed class SshNetRunner : ISshRunner, IDisposable
{
    /// <summary>A connection unused this long is closed.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(3);

    private readonly SshOptions _ssh;
    private readonly ILogger<SshNetRunner> _logger;
    private readonly ConcurrentDictionary<SshTarget, Connection> _connections = new();
    private readonly Timer _reaper;
    private int _opened;
    private volatile bool _disposed;

    public SshNetRunner(SshOptions ssh, ILogger<SshNetRunner> logger)
    {
        _ssh = ssh;
        _logger = logger;
        _reaper = new Timer(_ => CloseIdle(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    /// <summary>How many SSH connections have been opened so far (reuse is visible here).</summary>
    public int ConnectionsOpened => Volatile.Read(ref _opened);

    /// <summary>
    /// How many commands run at once on one connection (each holds a session channel until the node
    /// has closed it); more wait for a free one, within their time limit. sshd allows 10 sessions per
    /// connection by default (MaxSessions) and refuses more.
    /// </summary>
    internal int SessionsPerConnection { get; init; } = 10;

    public async Task<ExecOutcome> RunAsync(SshTarget target, IReadOnlyList<string> command, TimeSpan timeout, int maxOutputBytes, CancellationToken cancellationToken)
    {
        Safety.Preview.PreviewLog.EnsureNotPreview("An SSH command");
        var connection = _connections.GetOrAdd(target, t => new Connection(t, SessionsPerConnection));
        var watch = Stopwatch.StartNew();
        Interlocked.Increment(ref connection.Active);
        try
        {
            await WaitForSessionAsync(connection, timeout, cancellationToken).ConfigureAwait(false);
            return await RunOnSessionAsync(connection, command, timeout, watch, maxOutputBytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            connection.LastUsed = Stopwatch.GetTimestamp();
            Interlocked.Decrement(ref connection.Active);
        }
    }

    /// <summary>
    /// Takes one of the connection's sessions, waiting (asynchronously, never blocking a thread as
    /// SSH.NET's own limit would) until one is free, the call is cancelled, or its time limit has passed.
    /// </summary>
    private static async Task WaitForSessionAsync(Connection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var startBy = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startBy.CancelAfter(timeout);
        try
        {
            await connection.Sessions.WaitAsync(startBy.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExecFailedException($"SSH to {connection.Target}: the command did not start; all {connection.SessionLimit} sessions of the connection stayed busy for its whole time limit of {timeout.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>Runs the command on a session already taken, and gives the session back once its channel is closed.</summary>
    private async Task<ExecOutcome> RunOnSessionAsync(Connection connection, IReadOnlyList<string> command, TimeSpan timeout, Stopwatch watch, int maxOutputBytes, CancellationToken cancellationToken)
    {
        var target = connection.Target;
        var stdout = new BoundedOutput(maxOutputBytes);
        var stderr = new BoundedOutput(maxOutputBytes);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout - watch.Elapsed + TimeSpan.FromSeconds(OpenSshRunner.GraceSeconds));
        var timedOut = false;
        int? exit;
        SshClient? client = null;
        SshCommand? run = null;
        var closing = false;
        try
        {
            client = await OpenAsync(connection, deadline.Token).ConfigureAwait(false);
            // The time limit covers the whole call: time spent waiting for a session or logging in counts.
            run = client.CreateCommand(OpenSshRunner.RemoteLine(command, timeout - watch.Elapsed));
            // No token: on cancellation SSH.NET would send a `signal TERM` request, which sshd delivers to
            // the session's whole process group, so the remote watchdog dies while `timeout` and the
            // command (a group of their own) live on to the time limit. Closing the channel is what ends
            // the command. No input stream is opened, so the command's stdin stays open and empty until
            // the channel closes: that end is the remote watchdog's signal to stop the command.
            var executing = run.ExecuteAsync(CancellationToken.None);
            var reading = Task.WhenAll(stdout.DrainAsync(run.OutputStream, CancellationToken.None), stderr.DrainAsync(run.ExtendedOutputStream, CancellationToken.None));
            try
            {
                await executing.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                closing = true;
                var closed = CloseAsync(connection, run, executing, reading);
                // A cancelled call returns at once; the channel closes behind it, and only then is its session free.
                cancellationToken.ThrowIfCancellationRequested();
                timedOut = true;
                await closed.ConfigureAwait(false);
            }
            await reading.WaitAsync(TimeSpan.FromSeconds(OpenSshRunner.GraceSeconds), CancellationToken.None).ConfigureAwait(false);
            exit = timedOut ? null : run.ExitStatus;
        }
        catch (SshException exception) when (exception is not SshAuthenticationException)
        {
            // The connection broke under this command (or refused a channel): the next command opens a new one.
            await DropAsync(connection, client).ConfigureAwait(false);
            throw new ExecFailedException($"SSH to {target} failed: {exception.Message}");
        }
        catch (TimeoutException)
        {
            throw new ExecFailedException($"SSH to {target}: the command's output did not end within {OpenSshRunner.GraceSeconds} s after the command did.");
        }
        catch (OperationCanceledException) when (run is null && !cancellationToken.IsCancellationRequested)
        {
            throw new ExecFailedException($"SSH to {target}: the login did not finish within the command's time limit of {timeout.TotalSeconds:0.#} s.");
        }
        finally
        {
            if (!closing)
            {
                // A command that ended on its own has had its channel closed by the node already.
                run?.Dispose();
                connection.Sessions.Release();
            }
        }
        watch.Stop();
        cancellationToken.ThrowIfCancellationRequested();
        // `timeout` exits 124 (TERM) or 137 (KILL) when it had to end the command.
        if (exit is 124 or 137 && watch.Elapsed >= timeout)
        {
            timedOut = true;
            exit = null;
        }
        _logger.LogDebug("ssh.net {Target}: exit {Exit} after {Elapsed} ms", target, exit, watch.ElapsedMilliseconds);
        return new ExecOutcome(exit, timedOut, stdout.ToString(), stdout.Truncated, stderr.ToString(), stderr.Truncated, watch.Elapsed);
    }

    public void Dispose()
    {
        _disposed = true;
        _reaper.Dispose();
        foreach (var connection in _connections.Values)
        {
            connection.Lock.Wait(TimeSpan.FromSeconds(5));
            connection.Client?.Dispose();
            connection.Client = null;
        }
        _connections.Clear();
    }

    /// <summary>The node's connection, opened (or reopened after a drop) under its lock, so concurrent commands share one.</summary>
    private async Task<SshClient> OpenAsync(Connection connection, CancellationToken cancellationToken)
    {
        await connection.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (connection.Client is { IsConnected: true } open)
            {
                return open;
            }
            connection.Client?.Dispose();
            connection.Client = null;
            var target = connection.Target;
            var check = new HostKeyCheck(_ssh, target);
            string? promptRefusal = null;
            var info = new ConnectionInfo(target.Host, target.Port, target.User, AuthenticationMethods(target.User, refusal => promptRefusal = refusal))
            {
                Timeout = TimeSpan.FromSeconds(10),
                // SSH.NET's own limit blocks the calling thread, without a deadline: ours is met first.
                MaxSessions = connection.SessionLimit,
                // How long closing an abandoned command's channel waits for the node's CLOSE: the node
                // sends it when the command has ended, at most `timeout -k`'s grace after the TERM.
                ChannelCloseTimeout = TimeSpan.FromSeconds(OpenSshRunner.GraceSeconds + 2),
            };
            foreach (var certificate in info.HostKeyAlgorithms.Keys.Where(KnownHosts.IsCertificate).ToList())
            {
                // Offer plain host keys only, so a node with a host certificate shows its own key, which
                // known_hosts or the pin can vouch for; a certificate would be refused (HostKeyCheck).
                info.HostKeyAlgorithms.Remove(certificate);
            }
            var client = new SshClient(info);
            client.HostKeyReceived += check.OnHostKeyReceived;
            client.KeepAliveInterval = TimeSpan.FromSeconds(15);
            try
            {
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                client.Dispose();
                throw;
            }
            catch (Exception exception) when (exception is SshException or System.Net.Sockets.SocketException or IOException)
            {
                client.Dispose();
                throw new ExecFailedException(check.Refusal
                    ?? (promptRefusal is not null ? $"SSH to {target} refused the login: {promptRefusal}. Log in with a key instead (PROXMOX_SSH_KEY_FILE)."
                    : exception is SshAuthenticationException
                        ? $"SSH to {target} refused the login ({exception.Message}); check PROXMOX_SSH_USER and PROXMOX_SSH_KEY_FILE (and PROXMOX_SSH_KEY_PASSPHRASE), or PROXMOX_SSH_PASSWORD."
                        : $"SSH to {target} failed: {exception.Message}; check PROXMOX_SSH_HOST and PROXMOX_SSH_PORT."));
            }
            Interlocked.Increment(ref _opened);
            connection.Client = client;
            return client;
        }
        finally
        {
            connection.Lock.Release();
        }
    }

    /// <param name="user">The login user.</param>
    /// <param name="promptRefused">Told why a keyboard-interactive prompt got no answer, for the error.</param>
    private AuthenticationMethod[] AuthenticationMethods(string user, Action<string> promptRefused)
    {
        var methods = new List<AuthenticationMethod>();
        var keys = _ssh.KeyFile is { } file ? [file] : DefaultKeys();
        var loaded = new List<IPrivateKeySource>();
        foreach (var key in keys)
        {
            try
            {
                loaded.Add(new PrivateKeyFile(key, _ssh.KeyPassphrase));
            }
            catch (Exception exception) when (exception is SshException or SshPassPhraseNullOrEmptyException or InvalidOperationException or IOException)
            {
                if (_ssh.KeyFile is not null)
                {
                    throw new ExecFailedException($"PROXMOX_SSH_KEY_FILE {key} cannot be read: {exception.Message}" +
                        (_ssh.KeyPassphrase is null ? " (if it is protected by a passphrase, set PROXMOX_SSH_KEY_PASSPHRASE)" : string.Empty));
                }
            }
        }
        if (loaded.Count > 0)
        {
            methods.Add(new PrivateKeyAuthenticationMethod(user, [.. loaded]));
        }
        if (_ssh.Password is { } password)
        {
            methods.Add(new PasswordAuthenticationMethod(user, password));
            var interactive = new KeyboardInteractiveAuthenticationMethod(user);
            interactive.AuthenticationPrompt += (_, e) =>
            {
                try
                {
                    PasswordPrompts.Answer(e, password);
                }
                catch (SshAuthenticationException refused)
                {
                    promptRefused(refused.Message);
                    throw;
                }
            };
            methods.Add(interactive);
        }
        if (methods.Count == 0)
        {
            throw new ExecFailedException("No SSH credentials: set PROXMOX_SSH_KEY_FILE or PROXMOX_SSH_PASSWORD (or PROXMOX_SSH_CLIENT=openssh to use ssh-agent and ~/.ssh/config).");
        }
        return [.. methods];
    }

    private static IEnumerable<string> DefaultKeys()
    {
        var directory = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
        return new[] { "id_ed25519", "id_ecdsa", "id_rsa" }.Select(name => Path.Combine(directory, name)).Where(File.Exists);
    }

    private void CloseIdle()
    {
        var idle = (long)(IdleTimeout.TotalSeconds * Stopwatch.Frequency);
        foreach (var connection in _connections.Values)
        {
            if (connection.Client is not null && connection.Lock.Wait(0))
            {
                try
                {
                    // Checked under the lock: a command counts itself active before it takes the lock.
                    if (Volatile.Read(ref connection.Active) == 0 && Stopwatch.GetTimestamp() - connection.LastUsed > idle)
                    {
                        connection.Client?.Dispose();
                        connection.Client = null;
                    }
                }
                finally
                {
                    connection.Lock.Release();
                }
            }
        }
    }

    /// <summary>
    /// Closes an abandoned command's channel: SSH.NET sends EOF and CLOSE, and waits (on a thread of its
    /// own here) for the node's CLOSE, which comes once the watchdog has ended the command, and sshd
    /// has freed the session. Then the session is given back. The output read so far is complete when
    /// this returns.
    /// </summary>
    private static async Task CloseAsync(Connection connection, SshCommand run, Task executing, Task reading)
    {
        try
        {
            await Task.Factory.StartNew(run.Dispose, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            await Task.WhenAll(executing, reading).WaitAsync(TimeSpan.FromSeconds(OpenSshRunner.GraceSeconds)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ObjectDisposedException or OperationCanceledException or SshException or IOException or TimeoutException)
        {
            // The command was given up on; how its channel ended changes nothing.
        }
        finally
        {
            connection.Sessions.Release();
        }
    }

    /// <summary>Disposes the connection's client if it is still the one that failed; another command may have opened a new one meanwhile.</summary>
    private static async Task DropAsync(Connection connection, SshClient? failed)
    {
        await connection.Lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (failed is not null && ReferenceEquals(connection.Client, failed))
            {
                connection.Client = null;
                failed.Dispose();
            }
        }
        finally
        {
            connection.Lock.Release();
        }
    }

    private sealed class Connection(SshTarget target, int sessionLimit)
    {
        public SshTarget Target { get; } = target;

        public SemaphoreSlim Lock { get; } = new(1, 1);

        public int SessionLimit { get; } = sessionLimit;

        /// <summary>One count per session channel the connection may have open.</summary>
        public SemaphoreSlim Sessions { get; } = new(sessionLimit, sessionLimit);

        public SshClient? Client { get; set; }

        public long LastUsed { get; set; } = Stopwatch.GetTimestamp();

        public int Active;
    }

    /// <summary>Strict host key checking for one connection attempt; remembers why it refused, for the error.</summary>
    private sealed class HostKeyCheck(SshOptions ssh, SshTarget target)
    {
        public string? Refusal { get; private set; }

        public void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
        {
            var offered = "SHA256:" + e.FingerPrintSHA256;
            var add = $"check it on the node (ssh-keygen -lf /etc/ssh/ssh_host_{KeyFileName(e.HostKeyName)}_key.pub) and pin it with PROXMOX_SSH_HOST_KEY_FINGERPRINT={offered}, or add the node's key to the known_hosts file";
            if (e.Certificate is not null || KnownHosts.IsCertificate(e.HostKeyName))
            {
                // Never offered (see OpenAsync); refused rather than matched as the plain key it certifies.
                e.CanTrust = false;
                Refusal = $"SSH to {target} refused: the node offers a host certificate ({e.HostKeyName}), and the SSH.NET client does not check certificates against a @cert-authority; it trusts only the node's own key. Use PROXMOX_SSH_CLIENT=openssh for certificate host keys.";
                return;
            }
            if (ssh.HostKeyFingerprint is { } pin)
            {
                e.CanTrust = string.Equals(offered, pin, StringComparison.Ordinal);
                Refusal = e.CanTrust ? null : $"SSH to {target} refused: the node offers the host key {e.HostKeyName} {offered}, which does not match PROXMOX_SSH_HOST_KEY_FINGERPRINT {pin}. If the node was reinstalled, {add}.";
                return;
            }
            var file = ssh.KnownHostsFile ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");
            string[] files = ssh.GlobalKnownHostsFile is { } global ? [file, global] : [file];
            var known = KnownHosts.Load(files);
            var verdict = known.Check(target.KnownHostsName, e.HostKeyName, e.HostKey, out var decidedBy);
            e.CanTrust = verdict == HostKeyVerdict.Trusted;
            var certificateAuthority = known.HasCertificateAuthorityFor(target.KnownHostsName)
                ? " (a @cert-authority line names this host, but the SSH.NET client does not use certificates: add the node's own key, or use PROXMOX_SSH_CLIENT=openssh)"
                : string.Empty;
            Refusal = verdict switch
            {
                HostKeyVerdict.Trusted => null,
                HostKeyVerdict.Revoked => $"SSH to {target} refused: the host key {e.HostKeyName} {offered} is marked @revoked in {decidedBy}.",
                HostKeyVerdict.Changed => $"SSH to {target} refused: the host key CHANGED; {decidedBy} knows another {e.HostKeyName} key for {target.KnownHostsName}, and the node now offers {offered}. This may be an attack; if the node was reinstalled, {add}.",
                _ => $"SSH to {target} refused: the host key {e.HostKeyName} {offered} is unknown ({string.Join(" and ", files)} {(files.Length == 1 ? "has" : "have")} no entry for {target.KnownHostsName}){certificateAuthority}; unknown keys are never accepted. To trust it, {add}.",
            };
        }

        private static string KeyFileName(string keyName) => keyName switch
        {
            "ssh-ed25519" or "ssh-ed25519-cert-v01@openssh.com" => "ed25519",
            "ssh-rsa" or "rsa-sha2-256" or "rsa-sha2-512" => "rsa",
            _ => "ecdsa",
        };
    }
}
