using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Exec;

namespace ProxmoxMcp.Tests.Exec;

/// <summary>
/// exec_in_container (and exec_in_vm with PROXMOX_EXEC_VIA=ssh) against a real sshd on loopback, through
/// the real MCP client, once for each SSH client: every test here runs with SSH.NET and with OpenSSH.
/// </summary>
public abstract class ExecOverSshTests : IAsyncLifetime
{
    private readonly HostKeyPins _pins = new();
    private readonly List<IDisposable> _runners = [];
    private SshServer _ssh = null!;

    /// <summary>The SSH client under test (PROXMOX_SSH_CLIENT).</summary>
    protected abstract SshClientKind Client { get; }

    protected SshServer Ssh => _ssh;

    public async ValueTask InitializeAsync() => _ssh = await SshServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _runners.ForEach(r => r.Dispose());
        _pins.Dispose();
        await _ssh.DisposeAsync();
    }

    [Fact]
    public async Task Injection_attempts_arrive_as_literal_arguments_and_create_nothing()
    {
        await using var harness = await Start();
        var marker = Path.Combine(Path.GetTempPath(), "owned-" + Guid.NewGuid().ToString("N"));
        string[] argv =
        [
            "echo", $"; touch {marker}1", $"$(touch {marker}2)", $"`touch {marker}3`", $"&& touch {marker}4", $"| touch {marker}5",
            "it's \"quoted\"", "two\nlines", "naïve ✓ 日本", "$HOME", "*", "'; touch " + marker + "6; '",
        ];

        var result = Structured(await harness.CallAsync("exec_in_container", new { vmid = 200, command = argv }));

        result.GetProperty("exit_code").GetInt32().ShouldBe(0);
        result.GetProperty("stdout").GetString().ShouldBe(string.Join(' ', argv[1..]) + "\n");
        _ssh.Calls().Last().ShouldBe(["exec", "200", "--", .. argv]);
        for (var i = 1; i <= 6; i++)
        {
            File.Exists(marker + i).ShouldBeFalse();
        }
        result.GetProperty("via").GetString().ShouldBe("pct-exec-over-ssh");
    }

    [Fact]
    public async Task A_shell_string_runs_with_sh_c_and_reports_exit_code_and_stderr()
    {
        await using var harness = await Start();

        var result = Structured(await harness.CallAsync("exec_in_container", new { vmid = 201, shell = "echo out; echo err >&2; exit 7" }));

        result.GetProperty("exit_code").GetInt32().ShouldBe(7);
        result.GetProperty("stdout").GetString().ShouldBe("out\n");
        result.GetProperty("stderr").GetString().ShouldBe("err\n");
        _ssh.Calls().Last().ShouldBe(["exec", "201", "--", "/bin/sh", "-c", "echo out; echo err >&2; exit 7"]);
        ServerHarness.Text(await harness.CallAsync("exec_in_container", new { vmid = 201, shell = "true" })).ShouldStartWith("exit 0 after");
    }

    [Fact]
    public async Task An_unknown_host_key_is_refused()
    {
        var otherKnownHosts = Path.Combine(_ssh.Directory, "other_known_hosts");
        await File.WriteAllTextAsync(otherKnownHosts, $"[127.0.0.1]:{_ssh.Port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB3mP0ByFoT8SvDyAz2wW9Oqm1rCC7W4Q6HkYg2b7pAq\n", TestContext.Current.CancellationToken);
        await using var harness = await Start(o => o with { Ssh = o.Ssh with { KnownHostsFile = otherKnownHosts } });

        var result = await harness.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "echo", "hi" } });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldMatch("(?s)refused.*host key.*(unknown|CHANGED|changed)");
        _ssh.Calls().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_system_wide_known_hosts_is_read_too_and_its_revocations_win()
    {
        // Proxmox keeps its cluster's node keys in /etc/ssh/ssh_known_hosts.
        var empty = Path.Combine(_ssh.Directory, "empty_known_hosts");
        await File.WriteAllTextAsync(empty, string.Empty, TestContext.Current.CancellationToken);
        var global = Path.Combine(_ssh.Directory, "ssh_known_hosts");
        await File.WriteAllTextAsync(global, $"[127.0.0.1]:{_ssh.Port} {_ssh.HostKeyLine}\n", TestContext.Current.CancellationToken);
        await using (var cluster = await Start(o => o with { Ssh = o.Ssh with { KnownHostsFile = empty, GlobalKnownHostsFile = global } }))
        {
            Structured(await cluster.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "echo", "known system-wide" } }))
                .GetProperty("stdout").GetString().ShouldBe("known system-wide\n");
        }

        var revoking = Path.Combine(_ssh.Directory, "revoking_ssh_known_hosts");
        await File.WriteAllTextAsync(revoking, $"@revoked * {_ssh.HostKeyLine}\n", TestContext.Current.CancellationToken);
        await using var revoked = await Start(o => o with { Ssh = o.Ssh with { GlobalKnownHostsFile = revoking } });
        var result = await revoked.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "echo", "x" } });

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldMatch("(?is)refused.*revoked");
        _ssh.Calls().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_pinned_fingerprint_must_match()
    {
        await using (var pinned = await Start(o => o with { Ssh = o.Ssh with { KnownHostsFile = null, HostKeyFingerprint = _ssh.HostKeyFingerprint } }))
        {
            Structured(await pinned.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "echo", "pinned" } })).GetProperty("stdout").GetString().ShouldBe("pinned\n");
        }

        var wrong = "SHA256:" + new string('A', 43);
        await using var mismatched = await Start(o => o with { Ssh = o.Ssh with { KnownHostsFile = null, HostKeyFingerprint = wrong } });
        var result = await mismatched.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "echo", "x" } });

        ServerHarness.Text(result).ShouldContain("does not match PROXMOX_SSH_HOST_KEY_FINGERPRINT");
        ServerHarness.Text(result).ShouldContain(_ssh.HostKeyFingerprint);
        _ssh.Calls().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_timeout_ends_the_remote_process()
    {
        await using var harness = await Start();

        var result = Structured(await harness.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "sleep", "30" }, timeout_seconds = 1 }));

        result.GetProperty("timed_out").GetBoolean().ShouldBeTrue();
        result.TryGetProperty("exit_code", out _).ShouldBeFalse();
        await AssertProcessEnds(_ssh.LastPid);
    }

    [Fact]
    public async Task Cancellation_ends_the_remote_process()
    {
        await using var harness = await Start();

        await harness.CallAndCancelAsync("exec_in_container", new { vmid = 200, command = new[] { "sleep", "30" } }, TimeSpan.FromSeconds(2));

        await AssertProcessEnds(_ssh.LastPid);
        for (var i = 0; i < 100 && !harness.Logs.Lines.Any(l => l.Contains("cancelled by the client", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        harness.Logs.Lines.ShouldContain(l => l.Contains("cancelled by the client", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_ends_the_remote_process_at_once_not_at_the_time_limit()
    {
        // A login other than root: sshd honours `signal` requests only in such sessions, and delivers
        // them to the session's whole process group, the remote watchdog included.
        var (user, _) = await SshServer.TestUserAsync();
        var sleep = SshServer.UniqueSleep();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = Runner().RunAsync(new SshTarget("127.0.0.1", _ssh.Port, user), ["sleep", sleep], TimeSpan.FromSeconds(120), 4096, cancel.Token);
        await SshServer.WaitForSleepAsync(sleep);

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(run);
        await SshServer.ProcessesEndAsync(sleep, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_timed_out_command_ends_at_the_limit_not_when_it_would_have_finished()
    {
        var (user, _) = await SshServer.TestUserAsync();
        var sleep = SshServer.UniqueSleep();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var outcome = await Runner().RunAsync(new SshTarget("127.0.0.1", _ssh.Port, user), ["sleep", sleep], TimeSpan.FromSeconds(2), 4096, TestContext.Current.CancellationToken);

        outcome.TimedOut.ShouldBeTrue();
        outcome.ExitCode.ShouldBeNull();
        await SshServer.ProcessesEndAsync(sleep, TimeSpan.FromSeconds(3));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Output_is_capped_per_stream_with_a_truncated_flag()
    {
        await using var harness = await Start();

        var result = Structured(await harness.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "seq", "100000" }, max_output_bytes = 1024 }));

        result.GetProperty("stdout_truncated").GetBoolean().ShouldBeTrue();
        result.GetProperty("stdout").GetString()!.Length.ShouldBe(1024);
        result.GetProperty("exit_code").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Vms_can_go_through_qm_guest_exec_over_ssh()
    {
        await using var harness = await Start(o => o with { ExecVia = ExecTransport.Ssh });

        var result = Structured(await harness.CallAsync("exec_in_vm", new { vmid = 101, command = new[] { "echo", "from qm; $(id)" } }));

        result.GetProperty("via").GetString().ShouldBe("qm-guest-exec-over-ssh");
        result.GetProperty("stdout").GetString().ShouldBe("from qm; $(id)\n");
        _ssh.Calls("qm").Last().ShouldBe(["guest", "exec", "101", "--timeout", "60", "--", "timeout", "-k", "5", "60", "echo", "from qm; $(id)"]);
    }

    [Fact]
    public async Task The_allow_list_limits_the_guests_and_every_run_is_audited()
    {
        var audit = Path.Combine(_ssh.Directory, "audit.jsonl");
        await using var harness = await Start(o => o with { ExecAllowVmids = new HashSet<int> { 201 }, AuditLogPath = audit });

        var refused = await harness.CallAsync("exec_in_container", new { vmid = 200, command = new[] { "echo", "no" } });
        ServerHarness.Text(refused).ShouldContain("PROXMOX_EXEC_ALLOW lists only 201");
        Structured(await harness.CallAsync("exec_in_container", new { vmid = 201, command = new[] { "echo", "yes", harness.Options.TokenValue } }));

        await harness.Services.GetRequiredService<ProxmoxMcp.Audit.AuditLog>().FlushAsync(TestContext.Current.CancellationToken);
        // Every call has its line; the one that ran carries how it ran.
        var records = (await File.ReadAllLinesAsync(audit, TestContext.Current.CancellationToken)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        records.Count.ShouldBe(2);
        records[0].GetProperty("outcome").GetString().ShouldBe("error");
        records[0].TryGetProperty("exec", out _).ShouldBeFalse();
        var exec = records[1].GetProperty("exec");
        exec.GetProperty("vmid").GetInt32().ShouldBe(201);
        exec.GetProperty("argv").EnumerateArray().Select(a => a.GetString()).ShouldBe(["echo", "yes", "***"]);
        exec.GetProperty("exit_code").GetInt32().ShouldBe(0);
        exec.GetProperty("via").GetString().ShouldBe("pct-exec-over-ssh");
        (await File.ReadAllTextAsync(audit, TestContext.Current.CancellationToken)).ShouldNotContain(harness.Options.TokenValue);
        harness.Logs.Lines.ShouldAllBe(l => !l.Contains(harness.Options.TokenValue, StringComparison.Ordinal));
        harness.Logs.Lines.ShouldContain(l => l.StartsWith("audit: exec_in_container guest=201", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_logs_in_to_every_online_node_when_exec_is_on()
    {
        var settings = new Dictionary<string, string>
        {
            ["PROXMOX_ENABLE_EXEC"] = "true",
            ["PROXMOX_MCP_AUDIT_LOG"] = "off",
            ["PROXMOX_SSH_HOST"] = "127.0.0.1",
            ["PROXMOX_SSH_PORT"] = _ssh.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PROXMOX_SSH_USER"] = _ssh.User,
            ["PROXMOX_SSH_KEY_FILE"] = _ssh.ClientKey,
            ["PROXMOX_SSH_KNOWN_HOSTS"] = _ssh.KnownHosts,
            ["PROXMOX_SSH_CLIENT"] = Client == SshClientKind.OpenSsh ? "openssh" : "sshnet",
        };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ProxmoxMcp.Cli.CommandLineApp.RunAsync(["--sandbox", "doctor"], output, error, settings);

        code.ShouldBe(ProxmoxMcp.Cli.ExitCodes.Ok, output.ToString() + error);
        output.ToString().ShouldContain($"ok    SSH for exec on node pve1: {_ssh.User}@127.0.0.1:{_ssh.Port} logs in, host key verified");
        output.ToString().ShouldContain("SSH for exec on node pve2");
        output.ToString().ShouldNotContain("node pve3");

        var otherKnownHosts = Path.Combine(_ssh.Directory, "empty_known_hosts");
        await File.WriteAllTextAsync(otherKnownHosts, string.Empty, TestContext.Current.CancellationToken);
        settings["PROXMOX_SSH_KNOWN_HOSTS"] = otherKnownHosts;
        using var failedOutput = new StringWriter();
        (await ProxmoxMcp.Cli.CommandLineApp.RunAsync(["--sandbox", "doctor"], failedOutput, error, settings)).ShouldBe(ProxmoxMcp.Cli.ExitCodes.Failed);
        failedOutput.ToString().ShouldContain("FAIL  SSH for exec on node pve1");
    }

    private static async Task AssertProcessEnds(int? pid)
    {
        pid.ShouldNotBeNull();
        for (var i = 0; i < 200 && Directory.Exists($"/proc/{pid}"); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Directory.Exists($"/proc/{pid}").ShouldBeFalse($"remote process {pid} is still running");
    }

    /// <summary>The runner of the client under test, built directly, with this server's key and known_hosts.</summary>
    protected ISshRunner Runner(Func<SshOptions, SshOptions>? configure = null)
    {
        var options = new SshOptions { KeyFile = _ssh.ClientKey, KnownHostsFile = _ssh.KnownHosts, Client = Client };
        options = configure?.Invoke(options) ?? options;
        if (Client == SshClientKind.OpenSsh)
        {
            return new OpenSshRunner(options, _pins, NullLogger<OpenSshRunner>.Instance);
        }
        var runner = new SshNetRunner(options, NullLogger<SshNetRunner>.Instance);
        _runners.Add(runner);
        return runner;
    }

    protected Task<ServerHarness> Start(Func<ProxmoxOptions, ProxmoxOptions>? configure = null) =>
        ServerHarness.StartAsync(o =>
        {
            var options = o with
            {
                EnableExec = true,
                AuditLogPath = null,
                Ssh = new SshOptions { Host = "127.0.0.1", Port = _ssh.Port, User = _ssh.User, KeyFile = _ssh.ClientKey, KnownHostsFile = _ssh.KnownHosts, Client = Client },
            };
            return configure?.Invoke(options) ?? options;
        });

    protected static JsonElement Structured(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true, ServerHarness.Text(result));
        return result.StructuredContent!.Value;
    }
}

/// <summary>The exec tests with the system OpenSSH client (PROXMOX_SSH_CLIENT=openssh).</summary>
public sealed class ExecOverOpenSshTests : ExecOverSshTests
{
    protected override SshClientKind Client => SshClientKind.OpenSsh;
}
