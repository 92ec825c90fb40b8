using System.Text.Json;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Exec;

/// <summary>
/// Records every in-guest execution, on stderr and as one JSON line in the audit log
/// (PROXMOX_MCP_AUDIT_LOG): time, tool, guest, how it ran, the arguments, exit code and duration.
/// The server's own secrets (API token, SSH password) are masked wherever they appear.
/// </summary>
public sealed class ExecAudit(ProxmoxOptions options, ILogger<ExecAudit> logger)
{
    /// <summary>Keeps quotes, &amp; and non-ASCII readable in the log; it is a log file, not HTML.</summary>
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _fileLock = new();

    public void Record(string tool, int vmid, string node, string via, IReadOnlyList<string> argv, int? exitCode, bool timedOut, TimeSpan duration, string? error)
    {
        var arguments = argv.Select(Mask).ToList();
        if (error is null)
        {
            logger.LogInformation("audit: {Tool} guest={Vmid} node={Node} via={Via} argv={Argv} exit={Exit} timed_out={TimedOut} duration_ms={Duration}",
                tool, vmid, node, via, JsonSerializer.Serialize(arguments, ReadableJson), exitCode, timedOut, (long)duration.TotalMilliseconds);
        }
        else
        {
            logger.LogWarning("audit: {Tool} guest={Vmid} node={Node} via={Via} argv={Argv} failed: {Error}", tool, vmid, node, via, JsonSerializer.Serialize(arguments, ReadableJson), Mask(error));
        }
        if (options.AuditLogPath is not { } path)
        {
            return;
        }
        var line = JsonSerializer.Serialize<Dictionary<string, object?>>(new()
        {
            ["time"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["tool"] = tool,
            ["vmid"] = vmid,
            ["node"] = node,
            ["via"] = via,
            ["argv"] = arguments,
            ["exit_code"] = exitCode,
            ["timed_out"] = timedOut,
            ["duration_ms"] = (long)duration.TotalMilliseconds,
            ["error"] = error is null ? null : Mask(error),
        }, ReadableJson);
        try
        {
            lock (_fileLock)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                File.AppendAllText(path, line + "\n");
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogError("audit: cannot write {Path}: {Error}", path, exception.Message);
        }
    }

    private string Mask(string text)
    {
        foreach (var secret in new[] { options.TokenValue, options.Ssh.Password })
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }
        return text;
    }
}
