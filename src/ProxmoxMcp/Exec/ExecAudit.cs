using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Audit;
using ProxmoxMcp.Safety.Policy;

namespace ProxmoxMcp.Exec;

/// <summary>
/// Records every in-guest execution: a line on stderr, and the details (guest, node, how it ran, the
/// argv, exit code, duration) in the exec member of the call's line in the audit file, which
/// <see cref="AuditLog"/> writes for every tool call. The server's own secrets are masked.
/// </summary>
public sealed class ExecAudit(ArgumentMasker masker, ILogger<ExecAudit> logger)
{
    public void Record(string tool, int vmid, string node, string via, IReadOnlyList<string> argv, int? exitCode, bool timedOut, TimeSpan duration, string? error)
    {
        var arguments = argv.Select(masker.MaskText).ToList();
        var argvJson = JsonSerializer.Serialize(arguments, AuditLog.LineJson);
        if (error is null)
        {
            logger.LogInformation("audit: {Tool} guest={Vmid} node={Node} via={Via} argv={Argv} exit={Exit} timed_out={TimedOut} duration_ms={Duration}",
                tool, vmid, node, via, argvJson, exitCode, timedOut, (long)duration.TotalMilliseconds);
        }
        else
        {
            logger.LogWarning("audit: {Tool} guest={Vmid} node={Node} via={Via} argv={Argv} failed: {Error}", tool, vmid, node, via, argvJson, masker.MaskText(error));
        }
        PolicyCaller.Current.Call?.SetDetail("exec", new JsonObject
        {
            ["vmid"] = vmid,
            ["node"] = node,
            ["via"] = via,
            ["argv"] = new JsonArray(arguments.Select(a => (JsonNode?)a).ToArray()),
            ["exit_code"] = exitCode,
            ["timed_out"] = timedOut,
            ["duration_ms"] = (long)duration.TotalMilliseconds,
            ["error"] = error is null ? null : masker.MaskText(error),
        });
    }
}
