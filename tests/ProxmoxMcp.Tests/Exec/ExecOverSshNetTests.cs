using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Exec;

namespace ProxmoxMcp.Tests.Exec;

/// <summary>
/// The exec tests with SSH.NET (the default client), and what only an in-process client can show: one
/// connection per node reused and shared by concurrent commands, reopened after a drop, no ssh binary
/// needed, hashed and @revoked known_hosts lines, key passphrases and password login.
/// </summary>
public sealed class ExecOverSshNetTests : ExecOverSshTests
{
    protected override SshClientKind Client => SshClientKind.SshNet;

    [Fact]
    public async Task Commands_reuse_one_connection_and_ten_run_at_once_on_it()
    {
        await using var harness = await Start();
        var runner = harness.Services.GetRequiredService<SshNetRunner>();

        Structured(await harness.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "echo", "first" } }));
        Structured(await harness.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "echo", "second" } }));
        runner.ConnectionsOpened.ShouldBe(1);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            harness.CallAsync("exec_in_container", new { vmid = 200, shell = $"sleep 0.3; echo {i}" })));

        results.Select(r => Structured(r).GetProperty("stdout").GetString()).Order().ShouldBe(Enumerable.Range(0, 10).Select(i => $"{i}\n"));
        runner.ConnectionsOpened.ShouldBe(1);
    }

    [Fact]
    public async Task Fifteen_commands_at_once_all_run_on_one_connection_at_most_ten_at_a_time()
    {
        // sshd allows 10 sessions per connection (MaxSessions); the other 5 wait for a free one.
        await using var harness = await Start();
        var runner = harness.Services.GetRequiredService<SshNetRunner>();
        var log = Path.Combine(Ssh.Directory, "sessions.log");

        var results = await Task.WhenAll(Enumerable.Range(0, 15).Select(i =>
            harness.CallAsync("exec_in_container", new { vmid = 200, shell = $"echo + >> {log}; sleep 1; echo - >> {log}; echo {i}" })));

        results.Select(r => Structured(r).GetProperty("stdout").GetString()).Order().ShouldBe(Enumerable.Range(0, 15).Select(i => $"{i}\n").Order());
        runner.ConnectionsOpened.ShouldBe(1);
        MostAtOnce(await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).ShouldBeInRange(2, 10);
    }

    [Fact]
    public async Task The_session_limit_is_the_runners_and_commands_over_it_wait_their_turn()
    {
        using var runner = new SshNetRunner(new SshOptions { KeyFile = Ssh.ClientKey, KnownHostsFile = Ssh.KnownHosts }, NullLogger<SshNetRunner>.Instance) { SessionsPerConnection = 3 };
        var target = new SshTarget("127.0.0.1", Ssh.Port, Ssh.User);
        var log = Path.Combine(Ssh.Directory, "three.log");

        // Each command outlasts the time sshd takes to open a session (about half a second here), so three overlap.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            runner.RunAsync(target, ["sh", "-c", $"echo + >> {log}; sleep 2; echo - >> {log}"], TimeSpan.FromSeconds(60), 4096, TestContext.Current.CancellationToken)));

        outcomes.ShouldAllBe(o => o.ExitCode == 0);
        MostAtOnce(await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).ShouldBe(3);
        runner.ConnectionsOpened.ShouldBe(1);
    }

    [Fact]
    public async Task An_eleventh_command_waits_for_a_free_session_within_its_time_limit_and_its_cancellation()
    {
        var runner = (SshNetRunner)Runner();
        var target = new SshTarget("127.0.0.1", Ssh.Port, Ssh.User);
        var sleeps = Enumerable.Range(0, 10).Select(_ => SshServer.UniqueSleep()).ToList();
        var cancels = sleeps.Select(_ => CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken)).ToList();
        var busy = sleeps.Select((sleep, i) => runner.RunAsync(target, ["sleep", sleep], TimeSpan.FromSeconds(120), 4096, cancels[i].Token)).ToList();
        foreach (var sleep in sleeps)
        {
            await SshServer.WaitForSleepAsync(sleep);
        }

        // Cancelled while it waits: it returns at once (well inside its 60 s limit), not when a session frees (SSH.NET alone would block in there).
        using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            var waiting = runner.RunAsync(target, ["echo", "never"], TimeSpan.FromSeconds(60), 4096, cancel.Token);
            await Task.Delay(500, TestContext.Current.CancellationToken);
            waiting.IsCompleted.ShouldBeFalse();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await cancel.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(waiting);
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        }

        // Its time limit passes while it waits: a clear error, and it never ran.
        var late = await Should.ThrowAsync<ExecFailedException>(runner.RunAsync(target, ["echo", "late"], TimeSpan.FromSeconds(1), 4096, TestContext.Current.CancellationToken));
        late.Message.ShouldContain("did not start; all 10 sessions of the connection stayed busy");

        // Otherwise it waits, and runs as soon as one of the ten ends.
        var next = runner.RunAsync(target, ["echo", "my turn"], TimeSpan.FromSeconds(60), 4096, TestContext.Current.CancellationToken);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        next.IsCompleted.ShouldBeFalse();
        await cancels[0].CancelAsync();
        (await next.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken)).Stdout.ShouldBe("my turn\n");

        runner.ConnectionsOpened.ShouldBe(1);
        foreach (var cancel in cancels)
        {
            await cancel.CancelAsync();
        }
        foreach (var run in busy)
        {
            await Should.ThrowAsync<OperationCanceledException>(run);
        }
        foreach (var sleep in sleeps)
        {
            await SshServer.ProcessesEndAsync(sleep, TimeSpan.FromSeconds(5));
        }
        cancels.ForEach(c => c.Dispose());
    }

    /// <summary>The most commands running at once, from the + (start) and - (end) lines they wrote.</summary>
    private static int MostAtOnce(IEnumerable<string> lines)
    {
        var now = 0;
        var most = 0;
        foreach (var line in lines)
        {
            now += line == "+" ? 1 : -1;
            most = Math.Max(most, now);
        }
        return most;
    }

    [Fact]
    public async Task A_login_that_outlasts_the_time_limit_is_a_clear_error()
    {
        // A server that accepts the connection and never says a word.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        using var runner = new SshNetRunner(new SshOptions { KeyFile = Ssh.ClientKey, KnownHostsFile = Ssh.KnownHosts }, NullLogger<SshNetRunner>.Instance);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var failed = await Should.ThrowAsync<ExecFailedException>(runner.RunAsync(new SshTarget("127.0.0.1", port, Ssh.User), ["true"], TimeSpan.FromSeconds(1), 4096, TestContext.Current.CancellationToken));

        failed.Message.ShouldContain("the login did not finish within the command's time limit of 1 s");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task A_connection_dropped_by_the_server_is_reopened()
    {
        await using var harness = await Start();
        var runner = harness.Services.GetRequiredService<SshNetRunner>();
        Structured(await harness.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "echo", "before" } }));

        await Ssh.DropConnectionsAsync();
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var after = await harness.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "echo", "after" } });
        if (after.IsError == true)
        {
            // The drop may be noticed by the command that meets it; the next one opens a new connection.
            after = await harness.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "echo", "after" } });
        }

        Structured(after).GetProperty("stdout").GetString().ShouldBe("after\n");
        runner.ConnectionsOpened.ShouldBe(2);
    }

    [Fact]
    public async Task Closing_the_channel_alone_ends_the_remote_command()
    {
        // The remote line without its `timeout` backstop, on a channel of SSH.NET's own: what ends the
        // sleep is the channel closing (EOF and CLOSE, no signal), which the runner does on cancellation.
        var sleep = SshServer.UniqueSleep();
        using var client = new Renci.SshNet.SshClient(new Renci.SshNet.ConnectionInfo("127.0.0.1", Ssh.Port, Ssh.User,
            new Renci.SshNet.PrivateKeyAuthenticationMethod(Ssh.User, new Renci.SshNet.PrivateKeyFile(Ssh.ClientKey))));
        client.HostKeyReceived += (_, e) => e.CanTrust = "SHA256:" + e.FingerPrintSHA256 == Ssh.HostKeyFingerprint;
        await client.ConnectAsync(TestContext.Current.CancellationToken);
        var command = client.CreateCommand(OpenSshRunner.WatchdogLine(["sleep", sleep]));
        var executing = command.ExecuteAsync(CancellationToken.None);
        await SshServer.WaitForSleepAsync(sleep);

        command.Dispose();

        await SshServer.ProcessesEndAsync(sleep, TimeSpan.FromSeconds(3));
        await Should.ThrowAsync<ObjectDisposedException>(executing);
    }

    [Fact]
    public async Task No_ssh_binary_is_needed_not_even_on_PATH()
    {
        // The built program, as a user runs it, with a PATH that holds nothing at all.
        var emptyPath = Directory.CreateDirectory(Path.Combine(Ssh.Directory, "empty-path")).FullName;
        var envFile = Path.Combine(Ssh.Directory, "empty.env");
        await File.WriteAllTextAsync(envFile, "# nothing\n", TestContext.Current.CancellationToken);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : Environment.ProcessPath!;
        Path.IsPathRooted(dotnet).ShouldBeTrue();
        var start = new System.Diagnostics.ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Ssh.Directory,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "proxmox-mcp.dll"), "--sandbox", "call", "exec_in_container", "--json", """{"vmid":200,"command":["echo","no ssh on PATH"]}""" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PROXMOX_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["PATH"] = emptyPath;
        start.Environment["PROXMOX_ENV_FILE"] = envFile;
        start.Environment["PROXMOX_ENABLE_EXEC"] = "true";
        start.Environment["PROXMOX_MCP_AUDIT_LOG"] = "off";
        start.Environment["PROXMOX_SSH_HOST"] = "127.0.0.1";
        start.Environment["PROXMOX_SSH_PORT"] = Ssh.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PROXMOX_SSH_USER"] = Ssh.User;
        start.Environment["PROXMOX_SSH_KEY_FILE"] = Ssh.ClientKey;
        start.Environment["PROXMOX_SSH_KNOWN_HOSTS"] = Ssh.KnownHosts;

        using var program = System.Diagnostics.Process.Start(start)!;
        program.StandardInput.Close();
        var output = program.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = program.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await program.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        program.ExitCode.ShouldBe(0, await output + await error);
        Directory.EnumerateFileSystemEntries(emptyPath).ShouldBeEmpty();
        (await output).ShouldContain("no ssh on PATH");
        Ssh.Calls().Last().ShouldBe(["exec", "200", "--", "echo", "no ssh on PATH"]);
    }

    [Fact]
    public async Task Hashed_known_hosts_entries_are_honoured_and_revoked_keys_refused()
    {
        var name = $"[127.0.0.1]:{Ssh.Port}";
        var salt = RandomNumberGenerator.GetBytes(20);
        var hashed = $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name)))}";
        var key = Ssh.HostKeyLine.Split(' ', 3)[0] + " " + Ssh.HostKeyLine.Split(' ', 3)[1];
        var hashedFile = Path.Combine(Ssh.Directory, "hashed_known_hosts");
        await File.WriteAllTextAsync(hashedFile, $"# hashed, as HashKnownHosts writes it\n{hashed} {key}\n", TestContext.Current.CancellationToken);
        var revokedFile = Path.Combine(Ssh.Directory, "revoked_known_hosts");
        await File.WriteAllTextAsync(revokedFile, $"{name} {key}\n@revoked * {key}\n", TestContext.Current.CancellationToken);

        await using (var harness = await Start(o => o with { Ssh = o.Ssh with { KnownHostsFile = hashedFile } }))
        {
            Structured(await harness.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "echo", "hashed" } }));
        }
        await using var revoked = await Start(o => o with { Ssh = o.Ssh with { KnownHostsFile = revokedFile } });
        var result = await revoked.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "echo", "x" } });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain("is marked @revoked");
    }

    [Fact]
    public async Task A_node_with_a_host_certificate_is_checked_by_its_own_key_and_never_trusted_by_the_certificate()
    {
        await using var ssh = await SshServer.StartAsync(hostCertificate: true);
        var target = new SshTarget("127.0.0.1", ssh.Port, ssh.User);

        // What SSH.NET hands over when a certificate is negotiated (its default offer puts them first):
        // the certificate's algorithm name with the certified key's blob. A plain line must not trust it.
        using (var client = new Renci.SshNet.SshClient("127.0.0.1", ssh.Port, ssh.User, new Renci.SshNet.PrivateKeyFile(ssh.ClientKey)))
        {
            (string Name, string? BlobType, HostKeyVerdict Verdict)? offered = null;
            client.HostKeyReceived += (_, e) =>
            {
                offered = (e.HostKeyName, KnownHosts.KeyTypeOf(e.HostKey), KnownHosts.Load(ssh.KnownHosts).Check($"[127.0.0.1]:{ssh.Port}", e.HostKeyName, e.HostKey));
                e.CanTrust = false;
            };
            await Should.ThrowAsync<Renci.SshNet.Common.SshConnectionException>(client.ConnectAsync(TestContext.Current.CancellationToken));
            offered.ShouldBe(("ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519", HostKeyVerdict.Certificate));
        }

        // The runner asks for plain keys only, so known_hosts vouches for the node's own key.
        using var runner = new SshNetRunner(new SshOptions { KeyFile = ssh.ClientKey, KnownHostsFile = ssh.KnownHosts, GlobalKnownHostsFile = null }, NullLogger<SshNetRunner>.Instance);
        (await runner.RunAsync(target, ["echo", "own key"], TimeSpan.FromSeconds(20), 4096, TestContext.Current.CancellationToken)).Stdout.ShouldBe("own key\n");

        // A @cert-authority line alone trusts nothing, and the error says so.
        var authorityOnly = Path.Combine(ssh.Directory, "authority_known_hosts");
        await File.WriteAllTextAsync(authorityOnly, $"@cert-authority [127.0.0.1]:{ssh.Port} {ssh.CertificateAuthorityLine}\n", TestContext.Current.CancellationToken);
        using var byAuthority = new SshNetRunner(new SshOptions { KeyFile = ssh.ClientKey, KnownHostsFile = authorityOnly, GlobalKnownHostsFile = null }, NullLogger<SshNetRunner>.Instance);
        var refused = await Should.ThrowAsync<ExecFailedException>(byAuthority.RunAsync(target, ["true"], TimeSpan.FromSeconds(20), 4096, TestContext.Current.CancellationToken));
        refused.Message.ShouldContain("is unknown");
        refused.Message.ShouldContain("@cert-authority line names this host, but the SSH.NET client does not use certificates");
    }

    [Fact]
    public async Task A_key_with_a_passphrase_logs_in_and_a_missing_passphrase_is_named()
    {
        var key = await Ssh.AuthorizedKeyWithPassphraseAsync("correct horse");
        var target = new SshTarget("127.0.0.1", Ssh.Port, Ssh.User);
        using var runner = new SshNetRunner(new SshOptions { KeyFile = key, KeyPassphrase = "correct horse", KnownHostsFile = Ssh.KnownHosts }, NullLogger<SshNetRunner>.Instance);
        using var without = new SshNetRunner(new SshOptions { KeyFile = key, KnownHostsFile = Ssh.KnownHosts }, NullLogger<SshNetRunner>.Instance);

        var outcome = await runner.RunAsync(target, ["echo", "unlocked"], TimeSpan.FromSeconds(20), 4096, TestContext.Current.CancellationToken);
        var refused = await Should.ThrowAsync<ExecFailedException>(without.RunAsync(target, ["true"], TimeSpan.FromSeconds(20), 4096, TestContext.Current.CancellationToken));

        outcome.Stdout.ShouldBe("unlocked\n");
        refused.Message.ShouldContain("PROXMOX_SSH_KEY_PASSPHRASE");
    }

    [Fact]
    public async Task A_password_logs_in_natively_and_a_wrong_one_is_refused()
    {
        var (user, password) = await SshServer.TestUserAsync();
        var target = new SshTarget("127.0.0.1", Ssh.Port, user);
        using var runner = new SshNetRunner(new SshOptions { Password = password, KnownHostsFile = Ssh.KnownHosts }, NullLogger<SshNetRunner>.Instance);
        using var wrong = new SshNetRunner(new SshOptions { Password = "not-the-password", KnownHostsFile = Ssh.KnownHosts }, NullLogger<SshNetRunner>.Instance);

        var outcome = await runner.RunAsync(target, ["echo", "password login"], TimeSpan.FromSeconds(20), 4096, TestContext.Current.CancellationToken);
        var refused = await Should.ThrowAsync<ExecFailedException>(wrong.RunAsync(target, ["true"], TimeSpan.FromSeconds(20), 4096, TestContext.Current.CancellationToken));

        outcome.Stdout.ShouldBe("password login\n");
        refused.Message.ShouldContain("refused the login");
        refused.Message.ShouldNotContain("not-the-password");
    }
}
