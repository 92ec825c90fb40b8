using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ProxmoxMcp.Exec;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests.Exec;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 with host and user keys made for the test, and `pct` / `qm`
/// stand-ins on its PATH that record the arguments they receive and run the command locally.
/// Needs openssh-server and root (sshd switches users); skips without them, fails under CI=true.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    private readonly Process _sshd;

    private SshServer(string directory, int port, Process sshd, string hostKeyLine, string? certificateAuthorityLine)
    {
        Directory = directory;
        Port = port;
        _sshd = sshd;
        HostKeyLine = hostKeyLine;
        CertificateAuthorityLine = certificateAuthorityLine;
    }

    public string Directory { get; }

    /// <summary>The listening sshd: each connection is served by a child of it.</summary>
    public int SshdPid => _sshd.Id;

    /// <summary>A new client key protected by a passphrase, authorized for login; returns its path.</summary>
    public async Task<string> AuthorizedKeyWithPassphraseAsync(string passphrase)
    {
        var key = Path.Combine(Directory, "id_passphrase_" + Guid.NewGuid().ToString("N")[..8]);
        await Run("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f", key);
        await File.AppendAllTextAsync(Path.Combine(Directory, "authorized_keys"), (await File.ReadAllTextAsync(key + ".pub")).Trim() + "\n");
        return key;
    }

    /// <summary>Ends every open SSH connection from the server's side, as a restarted sshd or a dropped link would.</summary>
    public async Task DropConnectionsAsync() => await RunAllowingFailure("pkill", "-P", _sshd.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public int Port { get; }

    public string ClientKey => Path.Combine(Directory, "id_ed25519");

    public string KnownHosts => Path.Combine(Directory, "known_hosts");

    /// <summary>"ssh-ed25519 AAAA..." of the server's host key.</summary>
    public string HostKeyLine { get; }

    public string HostKeyFingerprint => HostKeyPins.Fingerprint(HostKeyLine.Split(' ')[1]);

    /// <summary>"ssh-ed25519 AAAA..." of the CA that signed the host certificate, when the server has one.</summary>
    public string? CertificateAuthorityLine { get; }

    public string User => Environment.UserName;

    /// <param name="hostCertificate">Also present a host certificate for 127.0.0.1, signed by a CA made for the test.</param>
    public static async Task<SshServer> StartAsync(bool hostCertificate = false)
    {
        TestEnvironment.Require(File.Exists("/usr/sbin/sshd"), "openssh-server (/usr/sbin/sshd)");
        TestEnvironment.Require(!OperatingSystem.IsWindows() && Environment.UserName == "root", "root on Linux (sshd must switch to the login user)");
        var directory = System.IO.Directory.CreateTempSubdirectory("proxmox-mcp-sshd").FullName;
        System.IO.Directory.CreateDirectory("/run/sshd");
        await Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(directory, "host_ed25519"));
        await Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(directory, "id_ed25519"));
        var bin = Path.Combine(directory, "bin");
        System.IO.Directory.CreateDirectory(bin);
        WriteScript(Path.Combine(bin, "pct"), PctStandIn(directory));
        WriteScript(Path.Combine(bin, "qm"), QmStandIn(directory));

        var clientKey = (await File.ReadAllTextAsync(Path.Combine(directory, "id_ed25519.pub"))).Trim();
        await File.WriteAllTextAsync(Path.Combine(directory, "authorized_keys"), clientKey + "\n");
        // sshd reads authorized keys as the user logging in: let the non-root test user reach this one file.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(Path.Combine(directory, "authorized_keys"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        var port = FreePort();
        string? certificateAuthorityLine = null;
        var certificateConfig = string.Empty;
        if (hostCertificate)
        {
            await Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(directory, "host_ca"));
            await Run("ssh-keygen", "-q", "-s", Path.Combine(directory, "host_ca"), "-I", "proxmox-mcp-test", "-h", "-n", "127.0.0.1", Path.Combine(directory, "host_ed25519.pub"));
            certificateAuthorityLine = string.Join(' ', (await File.ReadAllTextAsync(Path.Combine(directory, "host_ca.pub"))).Trim().Split(' ').Take(2));
            certificateConfig = $"HostCertificate {directory}/host_ed25519-cert.pub";
        }
        await File.WriteAllTextAsync(Path.Combine(directory, "sshd_config"), $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {directory}/host_ed25519
            AuthorizedKeysFile {directory}/authorized_keys
            PidFile {directory}/sshd.pid
            PermitRootLogin prohibit-password
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            SetEnv PATH={bin}:/usr/bin:/bin
            LogLevel ERROR
            {certificateConfig}
            """);
        var hostKey = (await File.ReadAllTextAsync(Path.Combine(directory, "host_ed25519.pub"))).Trim();
        var hostKeyLine = string.Join(' ', hostKey.Split(' ').Take(2));
        await File.WriteAllTextAsync(Path.Combine(directory, "known_hosts"), $"[127.0.0.1]:{port} {hostKeyLine}\n");

        var sshd = Process.Start(new ProcessStartInfo("/usr/sbin/sshd", ["-D", "-e", "-f", Path.Combine(directory, "sshd_config")])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new SshServer(directory, port, sshd, hostKeyLine, certificateAuthorityLine);
            }
            catch (SocketException)
            {
                if (sshd.HasExited)
                {
                    throw new InvalidOperationException("sshd exited: " + await sshd.StandardError.ReadToEndAsync());
                }
                await Task.Delay(50);
            }
        }
        throw new TimeoutException("sshd did not start listening");
    }

    /// <summary>
    /// A local user other than root, with a password, for the password login tests and for what sshd
    /// does only for such users (it refuses `signal` requests in root sessions). Created (and its
    /// password set) once per test run, and only under CI=true, where the machine is the test's own;
    /// elsewhere the test skips. It logs in with <see cref="ClientKey"/> too (the authorized keys file is
    /// readable by every user).
    /// </summary>
    public static Task<(string User, string Password)> TestUserAsync()
    {
        TestEnvironment.Require(TestEnvironment.IsCi, "a throwaway login user (created only under CI=true)");
        lock (TestUserLock)
        {
            return _testUser ??= CreateTestUserAsync();
        }
    }

    private static readonly Lock TestUserLock = new();
    private static Task<(string User, string Password)>? _testUser;

    private static async Task<(string User, string Password)> CreateTestUserAsync()
    {
        const string user = "pmcp-ssh-test";
        var password = "pw-" + Guid.NewGuid().ToString("N");
        if (!File.ReadAllLines("/etc/passwd").Any(l => l.StartsWith(user + ":", StringComparison.Ordinal)))
        {
            await Run("useradd", "--create-home", "--shell", "/bin/sh", user);
        }
        using var chpasswd = Process.Start(new ProcessStartInfo("chpasswd") { RedirectStandardInput = true, UseShellExecute = false })!;
        await chpasswd.StandardInput.WriteLineAsync($"{user}:{password}");
        chpasswd.StandardInput.Close();
        await chpasswd.WaitForExitAsync();
        chpasswd.ExitCode.ShouldBe(0);
        return (user, password);
    }

    /// <summary>The pids of processes on this machine (where the "remote" commands run) whose command line contains <paramref name="marker"/>.</summary>
    public static IReadOnlyList<int> ProcessesWith(string marker) => Processes(arguments => arguments.Any(a => a.Contains(marker, StringComparison.Ordinal)));

    private static List<int> Processes(Func<string[], bool> match)
    {
        var found = new List<int>();
        foreach (var directory in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).TrimEnd('\0').Split('\0');
                if (match(arguments))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    /// <summary>
    /// Waits until `sleep <paramref name="duration"/>` itself runs (the shells around it carry the same
    /// words on their command lines, and start first).
    /// </summary>
    public static async Task WaitForSleepAsync(string duration)
    {
        bool Sleeping() => Processes(a => a is [var program, var argument] && Path.GetFileName(program) == "sleep" && argument == duration).Count > 0;
        for (var i = 0; i < 200 && !Sleeping(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Sleeping().ShouldBeTrue($"sleep {duration} did not start");
    }

    /// <summary>How long it took for every process with <paramref name="marker"/> to end; fails when some still run after <paramref name="within"/>.</summary>
    public static async Task<TimeSpan> ProcessesEndAsync(string marker, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (ProcessesWith(marker).Count > 0 && watch.Elapsed < within)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        var left = ProcessesWith(marker);
        foreach (var pid in left)
        {
            // Not left running for the rest of the test run.
            await RunAllowingFailure("kill", "-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        left.ShouldBeEmpty($"processes with '{marker}' still ran {within.TotalSeconds} s later");
        return watch.Elapsed;
    }

    /// <summary>
    /// A `sleep` argument no other process has (30 s and a unique fraction), so the command can be
    /// found on this machine with <see cref="ProcessesWith"/>.
    /// </summary>
    public static string UniqueSleep(int seconds = 30) => $"{seconds}.{Random.Shared.Next(100_000, 999_999)}{Random.Shared.Next(100_000, 999_999)}";

    /// <summary>Every argument list the pct stand-in received, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Calls(string program = "pct")
    {
        var file = Path.Combine(Directory, $"{program}.calls");
        if (!File.Exists(file))
        {
            return [];
        }
        var calls = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        foreach (var line in File.ReadAllLines(file))
        {
            if (line == "--")
            {
                calls.Add(current);
                current = [];
            }
            else
            {
                current.Add(Encoding.UTF8.GetString(Convert.FromBase64String(line)));
            }
        }
        return calls;
    }

    /// <summary>The pid of the last command the pct stand-in ran.</summary>
    public int? LastPid => File.Exists(Path.Combine(Directory, "pct.pid")) && int.TryParse(File.ReadAllText(Path.Combine(Directory, "pct.pid")).Trim(), out var pid) ? pid : null;

    public async ValueTask DisposeAsync()
    {
        try
        {
            _sshd.Kill(entireProcessTree: true);
            await _sshd.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }
        _sshd.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static string PctStandIn(string directory) => $$"""
        #!/bin/sh
        # pct stand-in: records its arguments (base64, one per line), then runs `pct exec VMID -- CMD...` as CMD here.
        { for a in "$@"; do printf '%s' "$a" | base64 -w0; echo; done; echo '--'; } >> '{{directory}}/pct.calls'
        [ "$1" = exec ] || { echo "pct stand-in: only exec is emulated" >&2; exit 2; }
        shift 2
        [ "$1" = "--" ] && shift
        echo $$ > '{{directory}}/pct.pid'
        exec "$@"
        """;

    private static string QmStandIn(string directory) => $$"""
        #!/usr/bin/perl
        # qm stand-in: records its arguments, then runs `qm guest exec VMID [--timeout N] -- CMD...` and prints the agent's JSON.
        use strict; use warnings; use JSON::PP; use MIME::Base64; use IPC::Open3; use Symbol 'gensym';
        open(my $record, '>>', '{{directory}}/qm.calls') or die;
        print $record encode_base64($_, '') . "\n" for @ARGV;
        print $record "--\n";
        close $record;
        splice(@ARGV, 0, 3);
        shift @ARGV while @ARGV && $ARGV[0] ne '--';
        shift @ARGV;
        my $err = gensym;
        my $pid = open3(my $in, my $out, $err, @ARGV);
        close $in;
        local $/;
        my $stdout = <$out> // '';
        my $stderr = <$err> // '';
        waitpid($pid, 0);
        print JSON::PP->new->canonical->pretty->encode({ exited => 1, exitcode => $? >> 8, 'out-data' => $stdout, 'err-data' => $stderr });
        """;

    private static void WriteScript(string path, string content)
    {
        File.WriteAllText(path, content.ReplaceLineEndings("\n") + "\n");
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAllowingFailure(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
    }

    private static async Task Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }
}
