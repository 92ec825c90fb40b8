using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Sandbox;

// Measures what users feel: how fast the server is ready for an MCP client, and how fast listings
// answer on a large cluster. Wall-clock numbers on a shared machine: medians over several runs.
var runs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 7;
Console.WriteLine($"ProxmoxMcp benchmarks ({runs} runs each, medians; {Environment.ProcessorCount} CPUs, .NET {Environment.Version})");
Console.WriteLine();
Console.WriteLine("| measurement | median | min | max |");
Console.WriteLine("|---|---|---|---|");

await using (var sandbox = await SandboxServer.StartAsync(new SandboxOptions()))
{
    var startup = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        startup.Add(await MeasureStartupAsync(sandbox));
    }
    Report("stdio start-up: spawn -> initialize -> tools/list (built server, JIT)", startup);
}

await using (var big = await SandboxServer.StartAsync(new SandboxOptions { ExtraGuests = 10_000 }))
{
    var options = SandboxConnection.OptionsFor(big, big.Tokens.Full);
    await using var services = ServerServices.Build(options, LogLevel.Warning);
    var clientToServer = new Pipe();
    var serverToClient = new Pipe();
    var loggerFactory = services.GetRequiredService<ILoggerFactory>();
    var server = McpServer.Create(new StreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream(), "bench", loggerFactory),
        McpServerFactory.CreateOptions(ToolCatalog.Exposed(options), options, services), loggerFactory, services);
    using var stop = new CancellationTokenSource();
    var serverRun = server.RunAsync(stop.Token);
    await using var client = await McpClient.CreateAsync(new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()));

    foreach (var (tool, arguments, label) in new (string, Dictionary<string, object?>, string)[]
    {
        ("list_vms", new() { ["limit"] = 100 }, "list_vms limit=100 on 10,011 guests"),
        ("list_containers", new() { ["status"] = "running", ["limit"] = 100 }, "list_containers status=running on 10,011 guests"),
        ("cluster_resources", new() { ["type"] = "node" }, "cluster_resources type=node on 10,011 guests"),
        ("vm_status", new() { ["vmid"] = 100 }, "vm_status (locates the vmid among 10,011 guests)"),
    })
    {
        for (var i = 0; i < 3; i++)
        {
            await client.CallToolAsync(tool, arguments);
        }
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = await client.CallToolAsync(tool, arguments);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (result.IsError == true)
            {
                throw new InvalidOperationException($"{tool} failed during the benchmark");
            }
        }
        Report(label, times);
    }

    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var self = Process.GetCurrentProcess();
    Console.WriteLine();
    Console.WriteLine($"Memory after the listings (server, client and a 10,011-guest sandbox in one process): " +
        $"managed heap {GC.GetTotalMemory(false) / 1048576.0:0.0} MiB, working set {self.WorkingSet64 / 1048576.0:0.0} MiB.");
    await stop.CancelAsync();
    try
    {
        await serverRun;
    }
    catch (OperationCanceledException)
    {
    }
}

// SSH: the same short command repeated on a node, SSH.NET on its warm connection beside the system ssh
// client (a new process and login each time). Needs an sshd: PROXMOX_BENCH_SSH=user@host:port with
// PROXMOX_BENCH_SSH_KEY and PROXMOX_BENCH_SSH_KNOWN_HOSTS (bench/README.md shows a throwaway one).
if (Environment.GetEnvironmentVariable("PROXMOX_BENCH_SSH") is { Length: > 0 } sshTarget
    && System.Text.RegularExpressions.Regex.Match(sshTarget, @"^(?<user>[^@]+)@(?<host>[^:]+):(?<port>\d+)$") is { Success: true } parsed)
{
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
    foreach (var (label, runner) in new (string, ProxmoxMcp.Exec.ISshRunner)[] { ("ssh: `echo ok` on a warm SSH.NET connection", sshNet), ("ssh: `echo ok` with a fresh ssh child process", openSsh) })
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
        Report(label, times);
    }
}
else
{
    Console.WriteLine();
    Console.WriteLine("(ssh latency skipped: set PROXMOX_BENCH_SSH=user@host:port, PROXMOX_BENCH_SSH_KEY and PROXMOX_BENCH_SSH_KNOWN_HOSTS)");
}

static async Task<double> MeasureStartupAsync(SandboxServer sandbox)
{
    var token = sandbox.Tokens.Full;
    var transport = new StdioClientTransport(new StdioClientTransportOptions
    {
        Name = "bench",
        Command = "dotnet",
        Arguments = [Path.Combine(AppContext.BaseDirectory, "proxmox-mcp.dll"), "serve"],
        EnvironmentVariables = new Dictionary<string, string?>
        {
            ["PROXMOX_HOST"] = sandbox.Host,
            ["PROXMOX_PORT"] = sandbox.Port.ToString(CultureInfo.InvariantCulture),
            ["PROXMOX_USER"] = token.User,
            ["PROXMOX_TOKEN_NAME"] = token.TokenName,
            ["PROXMOX_TOKEN_VALUE"] = token.Secret,
            ["PROXMOX_TLS_FINGERPRINT"] = sandbox.CertificateFingerprint,
            ["PROXMOX_LOG_LEVEL"] = "warning",
            ["PROXMOX_ENV_FILE"] = "/dev/null",
        },
    });
    var watch = Stopwatch.StartNew();
    await using var client = await McpClient.CreateAsync(transport);
    await client.ListToolsAsync();
    return watch.Elapsed.TotalMilliseconds;
}

static void Report(string label, List<double> milliseconds)
{
    milliseconds.Sort();
    var median = milliseconds[milliseconds.Count / 2];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {median:0.0} ms | {milliseconds[0]:0.0} ms | {milliseconds[^1]:0.0} ms |"));
}
