using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ProxmoxMcp.Api;
using ProxmoxMcp.Bench;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Safety.Policy;
using ProxmoxMcp.Sandbox;

// What users feel, each figure beside its target and a baseline measured in the same run: how fast the
// installed server is ready for an MCP client, its first and later calls, what tools/list costs a
// model's context, memory over many calls, listings of a 10,000-guest cluster, and many HTTP sessions
// at once. Wall-clock figures on a shared machine: medians and p99 over repeated runs; compare them run
// to run, never assert them in tests.
var options = BenchOptions.Parse(args);
var repository = FindRepository();
var work = Path.Combine(Path.GetTempPath(), "proxmox-mcp-bench");
var install = await ToolInstall.PrepareAsync(repository, work, options.Reuse);
var empty = Directory.CreateTempSubdirectory("proxmox-mcp-bench-cwd").FullName; // no .env here
var table = new List<string[]>();

Console.WriteLine($"ProxmoxMcp benchmarks: {Environment.ProcessorCount} CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}; server {install.Server}");
Console.WriteLine();

await using (var sandbox = await SandboxServer.StartAsync(new SandboxOptions()))
{
    var environment = ServerEnvironment(sandbox);

    // Start-up and the first call, as a client sees them: spawn -> initialize -> tools/list, then list_vms.
    // A client makes its first call after the model's turn (a second or more); the server uses that time
    // to ready the Proxmox connection, so the first call is measured half a second after tools/list, and
    // also at once, with nothing ready, in every other start-up.
    var trivial = new List<double>();
    var startup = new List<double>();
    var firstCall = new List<double>();
    var firstCallAtOnce = new List<double>();
    string? toolsList = null;
    for (var run = 0; run < options.Runs * 2; run++)
    {
        var watch = Stopwatch.StartNew();
        await using (var baseline = StdioServer.Start(install.Trivial, [], environment, empty))
        {
            await baseline.InitializeAsync();
            await baseline.RequestAsync("tools/list");
            trivial.Add(watch.Elapsed.TotalMilliseconds);
        }

        watch.Restart();
        await using var server = StdioServer.Start(install.Server, ["serve"], environment, empty);
        await server.InitializeAsync();
        await server.NotifyAsync("notifications/initialized");
        toolsList = await server.RequestAsync("tools/list");
        startup.Add(watch.Elapsed.TotalMilliseconds);
        if (run % 2 == 1)
        {
            await Task.Delay(500);
        }
        watch.Restart();
        await server.CallAsync("list_vms");
        (run % 2 == 1 ? firstCall : firstCallAtOnce).Add(watch.Elapsed.TotalMilliseconds);
    }
    var ratio = Median(startup) / Median(trivial);
    Row("spawn -> `initialize` -> `tools/list` (installed tool)", $"{Ms(Median(startup))} ({ratio:0.0}x the trivial program)", "at most 4x the trivial program",
        $"trivial program {Ms(Median(trivial))}", ratio <= 4);
    Row("first `list_vms` after start-up (0.5 s after `tools/list`)", Ms(Median(firstCall)), "under 100 ms",
        $"connection, TLS and JIT included; {Ms(Median(firstCallAtOnce))} when called at once", Median(firstCall) < 100);

    // What tools/list costs a model's context.
    var tools = JsonNode.Parse(toolsList!)!["result"]!["tools"]!.AsArray();
    var visible = tools.Sum(t => StdioServer.Utf8Length(new JsonObject
    {
        ["name"] = t!["name"]!.DeepClone(), ["title"] = t["title"]?.DeepClone(), ["description"] = t["description"]!.DeepClone(), ["inputSchema"] = t["inputSchema"]!.DeepClone(),
    })) / (double)tools.Count;
    var whole = StdioServer.Utf8Length(JsonNode.Parse(toolsList!)!["result"]!) / (double)tools.Count;
    Row($"`tools/list`, what a model sees (name, title, description, inputSchema), per tool ({tools.Count} tools)", $"{visible:0} B", "at most 600 B", $"{visible * tools.Count / 1000:0.0} kB in all", visible <= 600);
    Row("`tools/list`, the whole answer, per tool", $"{whole:0} B", "at most 1,200 B", "output schemas, annotations and _meta included", whole <= 1200);

    // Later calls, and memory over many calls, in one server process: a rotation of listings and status
    // reads, as a conversation makes them; list_vms (every fifth call) is timed.
    await using (var server = StdioServer.Start(install.Server, ["serve"], environment, empty))
    {
        await server.InitializeAsync();
        await server.NotifyAsync("notifications/initialized");
        await server.RequestAsync("tools/list");
        var rotation = new (string Tool, JsonObject Arguments)[]
        {
            ("list_vms", new JsonObject()), ("vm_status", StdioServer.Arguments(("vmid", 100))), ("list_nodes", new JsonObject()),
            ("cluster_resources", StdioServer.Arguments(("type", "node"))), ("list_containers", StdioServer.Arguments(("status", "running"))),
        };
        for (var i = 0; i < 200; i++)
        {
            await server.CallAsync(rotation[i % rotation.Length].Tool, (JsonObject)rotation[i % rotation.Length].Arguments.DeepClone());
        }
        var later = new List<double>();
        (double Rss, double Peak)? atThousand = null;
        for (var call = 1; call <= options.Calls; call++)
        {
            var (tool, arguments) = rotation[call % rotation.Length];
            var watch = Stopwatch.StartNew();
            await server.CallAsync(tool, (JsonObject)arguments.DeepClone());
            if (tool == "list_vms")
            {
                later.Add(watch.Elapsed.TotalMilliseconds);
            }
            if (call == 1000)
            {
                atThousand = server.Memory();
            }
        }
        var direct = await DirectApiCallsAsync(sandbox, 1000);
        Row($"later `list_vms` calls ({later.Count:N0}), median", Ms(Median(later)), "under 2 ms", $"the same read on the API client: {Ms(Median(direct))}", Median(later) < 2);
        Row("later `list_vms` calls, p99", Ms(Percentile(later, 0.99)), "under 5 ms", $"the same read on the API client: {Ms(Percentile(direct, 0.99))}", Percentile(later, 0.99) < 5);
        if (server.Memory() is { } end && atThousand is { } start)
        {
            var growth = (end.Rss - start.Rss) / start.Rss * 100;
            Row($"peak RSS after {options.Calls:N0} calls", $"{end.Peak:0.0} MiB", "under 70 MiB", $"{start.Rss:0.0} MiB after 1,000 calls", end.Peak < 70);
            Row("RSS growth from call 1,000 to the last", $"{growth:+0.0;-0.0}%", "under 10%", $"{start.Rss:0.0} -> {end.Rss:0.0} MiB", growth < 10);
        }
    }
}

// A cluster of 10,000 guests: listings server-side (the call, less the API's own answer) and their text per guest.
await using (var big = await SandboxServer.StartAsync(new SandboxOptions { ExtraGuests = 10_000 }))
{
    await using var server = StdioServer.Start(install.Server, ["serve"], ServerEnvironment(big), empty);
    await server.InitializeAsync();
    await server.NotifyAsync("notifications/initialized");
    var api = await DirectApiCallsAsync(big, options.Runs);
    foreach (var (tool, arguments) in new (string, JsonObject)[] { ("list_vms", new JsonObject()), ("cluster_resources", new JsonObject()) })
    {
        var times = new List<double>();
        JsonNode? result = null;
        for (var i = 0; i < options.Runs + 2; i++)
        {
            var watch = Stopwatch.StartNew();
            result = await server.CallAsync(tool, (JsonObject)arguments.DeepClone());
            if (i >= 2)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        var serverSide = Median(times) - Median(api);
        var structured = result!["structuredContent"]!;
        var listed = (structured["guests"] ?? structured["resources"])!.AsArray().Count;
        var text = System.Text.Encoding.UTF8.GetByteCount(result["content"]![0]!["text"]!.GetValue<string>());
        Row($"`{tool}` on 10,011 guests, server-side", Ms(serverSide), "under 100 ms", $"call {Ms(Median(times))}, the API's own answer {Ms(Median(api))}", serverSide < 100);
        Row($"`{tool}` text per listed entry (default fields, {listed} listed)", $"{text / (double)listed:0} B", "at most 64 B", $"{text:N0} B of text", text / (double)listed <= 64);
    }
}

// HTTP: many sessions at once against serve --http.
await using (var sandbox = await SandboxServer.StartAsync(new SandboxOptions()))
{
    var (sessions, calls, errors, p99, total) = await HttpLoadAsync(install.Server, ServerEnvironment(sandbox), empty, sessions: 50, callsPerSession: 100);
    Row($"HTTP: {sessions} sessions x {calls / sessions} `list_vms` at once", $"{errors} errors, p99 {Ms(p99)}", "no errors", $"{calls:N0} calls in {total / 1000:0.0} s", errors == 0);
}

Console.WriteLine("| figure | measured | target | baseline / detail | met |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var row in table)
{
    Console.WriteLine("| " + string.Join(" | ", row) + " |");
}
await SshLatency.ReportAsync(options.Runs);
Directory.Delete(empty, recursive: true);
return table.All(r => r[4] == "yes") ? 0 : 1;

void Row(string figure, string measured, string target, string baseline, bool met)
{
    table.Add([figure, measured, target, baseline, met ? "yes" : "no"]);
    Console.Error.WriteLine($"{figure}: {measured} (target {target}; {baseline})");
}

static Dictionary<string, string> ServerEnvironment(SandboxServer sandbox) => new()
{
    ["PROXMOX_HOST"] = sandbox.Host,
    ["PROXMOX_PORT"] = sandbox.Port.ToString(CultureInfo.InvariantCulture),
    ["PROXMOX_USER"] = sandbox.Tokens.Full.User,
    ["PROXMOX_TOKEN_NAME"] = sandbox.Tokens.Full.TokenName,
    ["PROXMOX_TOKEN_VALUE"] = sandbox.Tokens.Full.Secret,
    ["PROXMOX_TLS_FINGERPRINT"] = sandbox.CertificateFingerprint,
    ["PROXMOX_LOG_LEVEL"] = "warning",
    ["PROXMOX_MCP_AUDIT_LOG"] = "off",
    ["PROXMOX_MCP_HTTP_MAX_SESSIONS_PER_CLIENT"] = "100",
};

// The baseline of per-call overhead: the same read made directly on the guarded API client, in process.
static async Task<List<double>> DirectApiCallsAsync(SandboxServer sandbox, int count)
{
    var options = SandboxConnection.OptionsFor(sandbox, sandbox.Tokens.Full);
    await using var services = ServerServices.Build(options, LogLevel.Warning);
    var api = services.GetRequiredService<IProxmoxApi>();
    using var caller = PolicyCaller.Enter("bench", CallerRole.RawRead);
    var times = new List<double>();
    for (var i = 0; i < count + 20; i++)
    {
        var watch = Stopwatch.StartNew();
        await api.GetAsync("/cluster/resources");
        if (i >= 20)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
    }
    return times;
}

static async Task<(int Sessions, int Calls, int Errors, double P99, double TotalMs)> HttpLoadAsync(string server, Dictionary<string, string> environment, string workingDirectory, int sessions, int callsPerSession)
{
    var start = new ProcessStartInfo(server, ["serve", "--http", "--bind", "127.0.0.1:0"]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
    foreach (var (key, value) in environment)
    {
        start.Environment[key] = value;
    }
    start.Environment["PROXMOX_LOG_LEVEL"] = "information";
    using var process = Process.Start(start)!;
    try
    {
        Uri? url = null;
        while (url is null && await process.StandardError.ReadLineAsync() is { } line)
        {
            var at = line.IndexOf("Streamable HTTP at ", StringComparison.Ordinal);
            if (at >= 0)
            {
                url = new Uri(line[(at + "Streamable HTTP at ".Length)..].Trim());
            }
        }
        _ = process.StandardError.ReadToEndAsync();
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var errors = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(async _ =>
        {
            try
            {
                await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = url!, TransportMode = HttpTransportMode.StreamableHttp }),
                    new McpClientOptions { ProtocolVersion = "2025-11-25" });
                for (var i = 0; i < callsPerSession; i++)
                {
                    var call = Stopwatch.StartNew();
                    var result = await client.CallToolAsync("list_vms");
                    latencies.Add(call.Elapsed.TotalMilliseconds);
                    if (result.IsError == true)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or ModelContextProtocol.McpException or IOException or TaskCanceledException)
            {
                Interlocked.Add(ref errors, callsPerSession);
            }
        }));
        return (sessions, sessions * callsPerSession, errors, Percentile([.. latencies], 0.99), watch.Elapsed.TotalMilliseconds);
    }
    finally
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}

static string FindRepository()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "ProxmoxMcp.sln")))
        {
            return directory.FullName;
        }
    }
    throw new InvalidOperationException("run the bench from the repository (dotnet run -c Release --project bench/ProxmoxMcp.Bench)");
}

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double fraction)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}

static string Ms(double milliseconds) => string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0.0} ms");
