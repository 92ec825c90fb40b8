using System.Diagnostics;
using System.Globalization;

namespace ProxmoxMcp.Bench;

/// <summary>
/// SSH for exec: the same short command repeated on a node, SSH.NET on its warm connection beside the
/// system ssh client (a new process and login each time). Needs an sshd: PROXMOX_BENCH_SSH=user@host:port
/// with PROXMOX_BENCH_SSH_KEY and PROXMOX_BENCH_SSH_KNOWN_HOSTS (bench/README.md shows a throwaway one).
/// </summary>
internal static class SshLatency
{
    public static async Task ReportAsync(int runs)
    {
        Console.WriteLine();
        if (Environment.GetEnvironmentVariable("PROXMOX_BENCH_SSH") is not { Length: > 0 } sshTarget
            || System.Text.RegularExpressions.Regex.Match(sshTarget, @"^(?<user>[^@]+)@(?<host>[^:]+):(?<port>\d+)$") is not { Success: true } parsed)
        {
            Console.WriteLine("(ssh latency skipped: set PROXMOX_BENCH_SSH=user@host:port, PROXMOX_BENCH_SSH_KEY and PROXMOX_BENCH_SSH_KNOWN_HOSTS)");
            return;
        }
        var target = new ProxmoxMcp.Exec.SshTarget(parsed.Groups["host"].Value, int.Parse(parsed.Groups["port"].Value, CultureInfo.InvariantCulture), parsed.Groups["user"].Value);
        var ssh = new ProxmoxMcp.Configuration.SshOptions
        {
            KeyFile = Environment.GetEnvironmentVariable("PROXMOX_BENCH_SSH_KEY"),
            KnownHostsFile = Environment.GetEnvironmentVariable("PROXMOX_BENCH_SSH_KNOWN_HOSTS"),
        };
        using var sshNet = new ProxmoxMcp.Exec.SshNetRunner(ssh, Microsoft.Extensions.Logging.Abstractions.NullLogger<ProxmoxMcp.Exec.SshNetRunner>.Instance);
        using var pins = new ProxmoxMcp.Exec.HostKeyPins();
        var openSsh = new ProxmoxMcp.Exec.OpenSshRunner(ssh, pins, Microsoft.Extensions.Logging.Abstractions.NullLogger<ProxmoxMcp.Exec.OpenSshRunner>.Instance);
        await sshNet.RunAsync(target, ["true"], TimeSpan.FromSeconds(10), 4096, CancellationToken.None);
        Console.WriteLine("| ssh measurement | median |");
        Console.WriteLine("|---|---|");
        foreach (var (label, runner) in new (string, ProxmoxMcp.Exec.ISshRunner)[] { ("`echo ok` on a warm SSH.NET connection", sshNet), ("`echo ok` with a fresh ssh child process", openSsh) })
        {
            var times = new List<double>();
            for (var i = 0; i < Math.Max(runs, 10); i++)
            {
                var watch = Stopwatch.StartNew();
                var outcome = await runner.RunAsync(target, ["echo", "ok"], TimeSpan.FromSeconds(10), 4096, CancellationToken.None);
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (outcome.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{label}: exit {outcome.ExitCode}: {outcome.Stderr}");
                }
            }
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {times[times.Count / 2]:0.0} ms |"));
        }
    }
}
