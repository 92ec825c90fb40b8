using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Audit;

/// <summary>
/// Appends one sealed JSON line per tool call to PROXMOX_MCP_AUDIT_LOG (see <see cref="AuditChain"/>).
/// A call only hands its entry over: a single writer task seals and appends, so writing never blocks or
/// fails a call. A write failure is reported on stderr once; the file rotates by size (FILE.1 is the
/// newest rotated file) and the chain continues across files, restarts, and servers that share the file
/// (two conversations, two processes, one configuration): each line is appended under an exclusive lock
/// on FILE.lock, after reading the chain's head from the file itself.
/// </summary>
public sealed class AuditLog : IAsyncDisposable
{
    /// <summary>Keeps quotes, &amp; and non-ASCII readable; it is a log file, not HTML.</summary>
    public static readonly JsonSerializerOptions LineJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const int QueueLength = 8192;

    private readonly ProxmoxOptions _options;
    private readonly ILogger<AuditLog> _logger;
    private readonly Channel<JsonObject> _queue;
    private readonly Task _writer;
    /// <summary>How long a line waits for another server to finish its own before it is reported lost.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private long _seq;
    private string _prev = AuditChain.Genesis;
    private bool _failureReported;
    private long _dropped;

    public AuditLog(ProxmoxOptions options, ILogger<AuditLog> logger)
    {
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<JsonObject>(new BoundedChannelOptions(QueueLength)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        }, _ => Interlocked.Increment(ref _dropped));
        _writer = options.AuditLogPath is null ? Task.CompletedTask : Task.Run(WriteAllAsync);
    }

    /// <summary>Where the lines go; null when the audit file is off (stderr only).</summary>
    public string? Path => _options.AuditLogPath;

    /// <summary>Hands an entry to the writer; returns at once.</summary>
    public void Record(JsonObject entry)
    {
        if (_options.AuditLogPath is not null)
        {
            _queue.Writer.TryWrite(entry);
        }
    }

    /// <summary>Writes what is queued, then stops (server shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    /// <summary>Waits until everything recorded so far is on disk (tests, and `call` before it exits).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_queue.Reader.Count > 0 || Interlocked.Read(ref _pending) > 0)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private long _pending;

    private async Task WriteAllAsync()
    {
        await foreach (var entry in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            Interlocked.Increment(ref _pending);
            try
            {
                Append(entry);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private void Append(JsonObject entry)
    {
        var path = _options.AuditLogPath!;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            // Another server may have written since this one did: the head is read under the lock, every time.
            using var held = LockFile(path);
            ReadHead(path);
            if (Interlocked.Exchange(ref _dropped, 0) is var dropped and > 0)
            {
                entry["dropped_before"] = dropped;
            }
            string line, hash;
            try
            {
                (line, hash) = AuditChain.Seal(entry, _seq + 1, _prev, LineJson);
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or JsonException)
            {
                // An entry that cannot be written as JSON (text that is not valid Unicode) still leaves a line.
                (line, hash) = AuditChain.Seal(new JsonObject
                {
                    ["time"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["tool"] = SafeText(entry["tool"]),
                    ["audit_error"] = $"the entry could not be written as JSON ({exception.GetType().Name})",
                }, _seq + 1, _prev, LineJson);
            }
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            if (File.Exists(path) && new FileInfo(path).Length + bytes.Length > _options.AuditMaxBytes)
            {
                Rotate(path);
            }
            using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                stream.Write(bytes);
            }
            _seq++;
            _prev = hash;
        }
        catch (Exception exception)
        {
            // Whatever goes wrong with the file, the calls go on: the failure is reported once.
            if (!_failureReported)
            {
                _failureReported = true;
                _logger.LogError("audit: cannot write {Path}: {Error}; tool calls go on, unrecorded in the file, until it is writable again", path, exception.Message);
            }
        }
    }

    private static string? SafeText(JsonNode? node)
    {
        try
        {
            var text = node?.GetValue<string>();
            return text is null ? null : new string(text.Where(c => !char.IsSurrogate(c)).ToArray());
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// FILE.lock opened for this process alone (flock on Unix, a sharing lock on Windows; the system
    /// releases it if the process dies, so a crash never leaves it held). Waits while another server holds it.
    /// </summary>
    private static FileStream LockFile(string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockWait && File.Exists(path + ".lock"))
            {
                Thread.Sleep(Random.Shared.Next(1, 10));
            }
        }
    }

    /// <summary>Continues the chain of the newest existing file: its last line's seq and hash.</summary>
    private void ReadHead(string path)
    {
        if (File.Exists(path) && LastLine(path) is { } newest && AuditChain.Head(newest) is { } current)
        {
            (_seq, _prev) = current;
            return;
        }
        var files = AuditChain.ChainFiles(path);
        for (var i = files.Count - 1; i >= 0; i--)
        {
            if (LastLine(files[i]) is { } last && AuditChain.Head(last) is { } head)
            {
                (_seq, _prev) = head;
                return;
            }
        }
    }

    /// <summary>FILE.keep is dropped, each older FILE.n becomes FILE.(n+1), FILE becomes FILE.1.</summary>
    private void Rotate(string path)
    {
        var keep = _options.AuditKeepFiles;
        var oldest = $"{path}.{keep}";
        if (File.Exists(oldest))
        {
            File.Delete(oldest);
        }
        for (var n = keep - 1; n >= 1; n--)
        {
            var from = $"{path}.{n}";
            if (File.Exists(from))
            {
                File.Move(from, $"{path}.{n + 1}");
            }
        }
        File.Move(path, $"{path}.1");
    }

    /// <summary>The last non-empty line, read from the end (audit files can be large).</summary>
    private static string? LastLine(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = stream.Length;
        var chunk = (int)Math.Min(length, 64 * 1024);
        while (true)
        {
            stream.Seek(length - chunk, SeekOrigin.Begin);
            var buffer = new byte[chunk];
            stream.ReadExactly(buffer);
            var text = Encoding.UTF8.GetString(buffer).TrimEnd('\n');
            var newline = text.LastIndexOf('\n');
            if (newline >= 0 || chunk == length)
            {
                var last = newline >= 0 ? text[(newline + 1)..] : text;
                return last.Length == 0 ? null : last;
            }
            chunk = (int)Math.Min(length, (long)chunk * 4);
        }
    }
}
