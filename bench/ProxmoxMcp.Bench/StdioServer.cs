using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProxmoxMcp.Bench;

/// <summary>
/// An MCP server started as a child process the way an MCP client starts one, spoken to in raw JSON-RPC
/// lines over its stdin and stdout (so no client library's own start-up lands in the figures).
/// </summary>
internal sealed class StdioServer : IAsyncDisposable
{
    private readonly Process _process;
    private int _nextId;

    private StdioServer(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public static StdioServer Start(string command, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        // Nobody reads the logs; keep the pipe drained so a chatty server never blocks on it.
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new StdioServer(process);
    }

    /// <summary>Sends a request and returns the line that answers it.</summary>
    public async Task<string> RequestAsync(string method, JsonObject? parameters = null)
    {
        var id = ++_nextId;
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            request["params"] = parameters;
        }
        await _process.StandardInput.WriteLineAsync(request.ToJsonString()).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            // Notifications (progress, list changes) come between; the answer carries the id.
            if (line.Contains($"\"id\":{id}", StringComparison.Ordinal) && (line.Contains("\"result\"", StringComparison.Ordinal) || line.Contains("\"error\"", StringComparison.Ordinal)))
            {
                return line;
            }
        }
        throw new InvalidOperationException($"the server ended before answering {method}");
    }

    public async Task NotifyAsync(string method)
    {
        await _process.StandardInput.WriteLineAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method }.ToJsonString()).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    public Task<string> InitializeAsync() => RequestAsync("initialize", new JsonObject
    {
        ["protocolVersion"] = "2025-11-25",
        ["capabilities"] = new JsonObject(),
        ["clientInfo"] = new JsonObject { ["name"] = "bench", ["version"] = "1" },
    });

    /// <summary>A tools/call; throws when the tool answered with an error.</summary>
    public async Task<JsonNode> CallAsync(string tool, JsonObject? arguments = null)
    {
        var line = await RequestAsync("tools/call", new JsonObject { ["name"] = tool, ["arguments"] = arguments ?? new JsonObject() }).ConfigureAwait(false);
        var result = JsonNode.Parse(line)!["result"] ?? throw new InvalidOperationException($"{tool}: {line}");
        if (result["isError"]?.GetValue<bool>() == true)
        {
            throw new InvalidOperationException($"{tool} failed: {result["content"]?[0]?["text"]}");
        }
        return result;
    }

    /// <summary>Resident and peak resident memory of the process, MiB (Linux: /proc).</summary>
    public (double Rss, double Peak)? Memory()
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
        {
            return null;
        }
        double Read(string key) => File.ReadLines(status).Where(l => l.StartsWith(key, StringComparison.Ordinal))
            .Select(l => double.Parse(l[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024).FirstOrDefault();
        return (Read("VmRSS:"), Read("VmHWM:"));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    public static JsonObject Arguments(params (string Name, JsonNode? Value)[] values)
    {
        var arguments = new JsonObject();
        foreach (var (name, value) in values)
        {
            arguments[name] = value;
        }
        return arguments;
    }

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The bytes of a JSON value written compactly, as the SDK writes it.</summary>
    public static int Utf8Length(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Compact).Length;
}
