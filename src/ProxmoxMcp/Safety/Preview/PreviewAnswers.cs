using System.Text.Json;
using ProxmoxMcp.Api;

namespace ProxmoxMcp.Safety.Preview;

/// <summary>
/// The stand-in answers a dry run gets for the changes it records instead of sending: a task id that names no
/// real task for the worker calls, nothing for the synchronous configuration update, and no answer at all
/// where the tool would go on with a value only Proxmox can give (a command's pid), which ends the dry run.
/// </summary>
public static class PreviewAnswers
{
    /// <summary>The task type of a stand-in task id; no Proxmox task has it (Proxmox types are letters only).</summary>
    public const string TaskType = "mcp-preview";

    /// <summary>The exit status the task tracker reports for a stand-in task, which never ran.</summary>
    public const string NotRun = "not run (preview)";

    /// <summary>
    /// Stands in a request for a digest read only when the call runs: a clone's (once it exists), or a configuration's
    /// after a safety snapshot (the snapshot is written into the configuration file).
    /// </summary>
    public const string UnknownDigest = "0000000000000000000000000000000000000000";

    private static readonly JsonElement Nothing = JsonDocument.Parse("null").RootElement.Clone();

    /// <summary>Whether a task id is one a dry run made up.</summary>
    public static bool IsStandIn(string? upid) => Upid.TryParse(upid, out var parsed) && parsed.Type == TaskType;

    /// <summary>The answer to a recorded change, or null when the dry run cannot go on without the real one.</summary>
    public static JsonElement? For(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        if (path.EndsWith("/agent/exec", StringComparison.Ordinal))
        {
            return null;
        }
        if (method == "PUT" && !path.EndsWith("/resize", StringComparison.Ordinal))
        {
            return Nothing;
        }
        var node = segments.Length > 1 && segments[0] == "nodes" && Upid.TryParse($"UPID:{segments[1]}:00000000:00000000:00000000:x:x:x:", out _) ? segments[1] : "preview";
        var id = segments.Length > 3 && segments[3].All(char.IsAsciiDigit) ? segments[3] : string.Empty;
        return JsonSerializer.SerializeToElement($"UPID:{node}:00000000:00000000:00000000:{TaskType}:{id}:preview:");
    }
}
