using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// The built server under load, as a separate process so its memory is its own: 50 concurrent
/// Streamable HTTP sessions x 100 calls, every one answered; 1,000 malformed HTTP requests, every one
/// refused with a 4xx; memory flat over two more rounds of both; and pipelined stdio requests each answered once with
/// its own id. Figures are printed (and written for CI's log), never asserted as times.
/// </summary>
public sealed class LoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fifty_sessions_of_a_hundred_calls_and_a_thousand_malformed_requests()
    {
        using var server = StartHttp(out var urlTask);
        try
        {
            var url = await urlTask.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            var clients = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => McpClient.CreateAsync(
                new HttpClientTransport(new HttpClientTransportOptions { Endpoint = url, TransportMode = HttpTransportMode.StreamableHttp }),
                cancellationToken: TestContext.Current.CancellationToken)));
            // Warm at full load first: the thread pool, Kestrel's buffers and the heap's budgets grow to what 50
            // concurrent sessions need once, and the GC gives some of it back later, so RSS measured after a light
            // warm-up swings by tens of MiB without any leak.
            await RunCalls(clients, 100);
            var warm = Rss(server);

            var latencies = new List<double>();
            var failures = await RunCalls(clients, 100, latencies);
            var afterCalls = Rss(server);
            var refusals = await Malformed(url, 1000);
            var afterMalformed = Rss(server);

            // Two more rounds of both; a leak grows with every sample, a transient does not, so the lowest of them counts.
            var later = new List<long>();
            for (var round = 0; round < 2; round++)
            {
                failures += await RunCalls(clients, 100);
                later.Add(Rss(server));
                await Malformed(url, 1000);
                later.Add(Rss(server));
            }
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            latencies.Sort();
            var line = $"load: 50 sessions x 100 calls = {latencies.Count} calls, {failures} failed, p50 {latencies[latencies.Count / 2]:0.0} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:0.0} ms; "
                + $"1000 malformed requests: {refusals.Values.Sum()} refused with 4xx ({string.Join(", ", refusals.OrderBy(r => r.Key).Select(r => $"{r.Key}x{r.Value}"))}); "
                + $"server RSS {warm / 1048576} MiB warm, {afterCalls / 1048576} MiB after the calls, {afterMalformed / 1048576} MiB after the malformed requests, "
                + $"{string.Join("/", later.Select(rss => rss / 1048576))} MiB over two more rounds of both";
            output.WriteLine(line);
            File.AppendAllText(Path.Combine(Path.GetTempPath(), "proxmox-mcp-hardening-counts.txt"), line + "\n");

            failures.ShouldBe(0);
            refusals.Values.Sum().ShouldBe(1000);
            refusals.Keys.ShouldAllBe(status => status >= 400 && status < 500);
            // Flat: at least 10,000 calls come between the warm sample and any later one, so a leak of 3 KiB per
            // call would put every later sample 30 MiB above it; rounds without one differ by a few MiB.
            later.Min().ShouldBeLessThan(warm + 32L * 1024 * 1024);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Pipelined_stdio_requests_are_each_answered_once_with_their_own_id()
    {
        var start = new ProcessStartInfo(BuiltProgram.DotnetHost, [BuiltProgram.ServerDll, "--sandbox", "serve"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["PROXMOX_MCP_AUDIT_LOG"] = "off";
        using var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        try
        {
            var batch = new StringBuilder();
            batch.AppendLine("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"pipeline","version":"1"}}}""");
            batch.AppendLine("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
            const int requests = 200;
            for (var id = 1; id <= requests; id++)
            {
                var call = (id % 4) switch
                {
                    0 => "\"method\":\"ping\"",
                    1 => "\"method\":\"tools/call\",\"params\":{\"name\":\"list_nodes\",\"arguments\":{}}",
                    2 => "\"method\":\"tools/call\",\"params\":{\"name\":\"vm_status\",\"arguments\":{\"vmid\":" + (100 + id % 5) + "}}",
                    _ => "\"method\":\"tools/list\"",
                };
                batch.AppendLine("{\"jsonrpc\":\"2.0\",\"id\":" + id + "," + call + "}");
            }
            // All at once, as one write: the server reads them back to back.
            await process.StandardInput.WriteAsync(batch.ToString());
            await process.StandardInput.FlushAsync(TestContext.Current.CancellationToken);

            var answered = new List<long>();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(120));
            while (answered.Count < requests + 1 && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                using var message = JsonDocument.Parse(line);
                if (message.RootElement.TryGetProperty("id", out var id))
                {
                    message.RootElement.TryGetProperty("error", out _).ShouldBeFalse(line);
                    answered.Add(id.GetInt64());
                }
            }

            var inOrder = answered.SequenceEqual(answered.Order());
            output.WriteLine($"pipelined stdio: {requests} requests in one write, {answered.Count - 1} answered, each id once; {(inOrder ? "in order" : "not in order (answers are matched by id)")}");
            answered.Order().ShouldBe(Enumerable.Range(0, requests + 1).Select(i => (long)i));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private static async Task<int> RunCalls(McpClient[] clients, int perClient, List<double>? latencies = null)
    {
        var failures = 0;
        await Task.WhenAll(clients.Select((client, index) => Task.Run(async () =>
        {
            for (var i = 0; i < perClient; i++)
            {
                var watch = Stopwatch.StartNew();
                var result = (i + index) % 2 == 0
                    ? await client.CallToolAsync("list_vms", cancellationToken: TestContext.Current.CancellationToken)
                    : await client.CallToolAsync("vm_status", new Dictionary<string, object?> { ["vmid"] = 100 + i % 4 }, cancellationToken: TestContext.Current.CancellationToken);
                watch.Stop();
                if (result.IsError == true)
                {
                    Interlocked.Increment(ref failures);
                }
                if (latencies is not null)
                {
                    lock (latencies)
                    {
                        latencies.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
            }
        })));
        return failures;
    }

    /// <summary>Bad JSON, wrong content types, oversized bodies, unknown session ids, missing Accept, unknown paths and methods.</summary>
    private static async Task<Dictionary<int, int>> Malformed(Uri url, int count)
    {
        using var http = new HttpClient();
        var statuses = new Dictionary<int, int>();
        var oversized = new string('x', 5 * 1024 * 1024);
        for (var i = 0; i < count; i++)
        {
            using var request = (i % 8) switch
            {
                0 => Post(url, "{not json", "application/json"),
                1 => Post(url, """{"jsonrpc":"2.0","id":1,"method":"initialize"}""", "text/plain"),
                2 => Post(url, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + (i % 80 == 2 ? oversized : "x") + "\"}", "application/json", session: i % 80 == 2 ? null : "no-such-session"),
                3 => Post(url, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", "application/json", session: Guid.NewGuid().ToString("N")),
                4 => Post(url, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", "application/json", accept: "text/html"),
                5 => new HttpRequestMessage(HttpMethod.Get, url),
                6 => new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent("{}") },
                _ => new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/elsewhere")),
            };
            // An oversized body waits for the server's go-ahead (Expect: 100-continue), as clients that send large bodies do:
            // the refusal then arrives before the body is sent.
            request.Headers.ExpectContinue = request.Content?.Headers.ContentLength > 1024 * 1024 || request.Content is StringContent { } content && (await content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Length > 1024 * 1024;
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }
        return statuses;
    }

    private static HttpRequestMessage Post(Uri url, string body, string contentType, string? session = null, string accept = "application/json, text/event-stream")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (session is not null)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Session-Id", session);
        }
        return request;
    }

    private static Process StartHttp(out Task<Uri> url)
    {
        var start = new ProcessStartInfo(BuiltProgram.DotnetHost, [BuiltProgram.ServerDll, "--sandbox", "serve", "--http", "--bind", "127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["PROXMOX_ENV_FILE"] = "/dev/null";
        start.Environment["PROXMOX_MCP_AUDIT_LOG"] = "off";
        start.Environment["PROXMOX_MCP_HTTP_MAX_SESSIONS_PER_CLIENT"] = "100";
        var process = Process.Start(start)!;
        var found = new TaskCompletionSource<Uri>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && Regex.Match(e.Data, @"Streamable HTTP at (http://\S+/mcp)") is { Success: true } match)
            {
                found.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        url = found.Task;
        return process;
    }

    /// <summary>The server process's resident memory, from /proc (Linux; elsewhere the working set .NET reports).</summary>
    private static long Rss(Process process)
    {
        var status = $"/proc/{process.Id}/status";
        if (File.Exists(status) && File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) is { } line)
        {
            return long.Parse(Regex.Match(line, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        process.Refresh();
        return process.WorkingSet64;
    }
}
