using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tasks;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>Tier A, tasks and the read-only escape hatch.</summary>
public sealed partial class InventoryTools
{
    /// <summary>
    /// List recent Proxmox tasks (starts, backups, clones, ...), newest first, with their outcome.
    /// Use it to see what happened or what is still running; task_status follows one task.
    /// </summary>
    /// <param name="node">Only tasks of this node; all nodes otherwise.</param>
    /// <param name="vmid">Only tasks about this guest.</param>
    /// <param name="errorsOnly">Only tasks that failed.</param>
    /// <param name="runningOnly">Only tasks still running.</param>
    /// <param name="limit">At most this many tasks.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("list_tasks", ToolTier.Read)]
    public async Task<TaskList> ListTasks(
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        [Range(100, 999_999_999)] int? vmid = null,
        bool errorsOnly = false,
        bool runningOnly = false,
        [Range(1, 500)] int limit = 20,
        CancellationToken cancellationToken = default)
    {
        IEnumerable<System.Text.Json.JsonElement> items;
        if (node is not null)
        {
            var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
            RequireOnline(snapshot, node);
            var query = new ProxmoxParameters()
                .Add("limit", (long)limit)
                .Add("vmid", vmid)
                .Add("errors", errorsOnly ? true : null)
                .Add("source", runningOnly ? "active" : "all");
            items = (await api.GetAsync(ApiPath.Build("nodes", node, "tasks"), query, cancellationToken).ConfigureAwait(false)).Items();
        }
        else
        {
            items = (await api.GetAsync("/cluster/tasks", cancellationToken: cancellationToken).ConfigureAwait(false)).Items();
        }
        var tasks = items
            .Select(t =>
            {
                var started = Units.FromUnix(t.Int64("starttime")) ?? DateTimeOffset.UnixEpoch;
                var ended = Units.FromUnix(t.Int64("endtime"));
                return new TaskSummary(t.String("upid") ?? "?", t.String("node") ?? "?", t.String("type") ?? "?", t.String("id") ?? string.Empty,
                    t.String("user") ?? "?", t.String("status") ?? "running", started, ended is { } e ? (e - started).TotalSeconds : null);
            })
            .Where(t => vmid is null || t.Id == vmid.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Where(t => !errorsOnly || !(t.Status == "running" || TaskTracker.IsSuccess(t.Status)))
            .Where(t => !runningOnly || t.Status == "running")
            .OrderByDescending(t => t.Started)
            .Take(limit)
            .ToList();
        return new TaskList(tasks);
    }

    /// <summary>
    /// The status of one task by its UPID, with the tail of its log; optionally wait until it finishes (with progress notifications).
    /// State-changing tools already wait for their task; use this for tasks they returned while still running.
    /// </summary>
    /// <param name="upid">The task id (UPID:...), as other tools and list_tasks return it.</param>
    /// <param name="wait">Wait until the task stops or the timeout runs out.</param>
    /// <param name="timeoutSeconds">How long to wait at most.</param>
    /// <param name="logLines">How many of the last log lines to return.</param>
    /// <param name="context">Progress of the wait.</param>
    /// <param name="cancellationToken">Cancels the wait (the task itself goes on).</param>
    [ProxmoxTool("task_status", ToolTier.Read)]
    public async Task<TaskReport> TaskStatus(
        [RegularExpression(ToolPatterns.Upid)] string upid,
        bool wait = false,
        [Range(1, 1800)] int timeoutSeconds = 120,
        [Range(1, 500)] int logLines = 20,
        ToolContext? context = null,
        CancellationToken cancellationToken = default)
    {
        var parsed = Upid.Parse(upid);
        TaskOutcome? outcome = null;
        if (wait)
        {
            outcome = await tracker.WaitAsync(upid, TimeSpan.FromSeconds(timeoutSeconds), context?.Progress ?? ToolProgress.None, $"task {parsed.Type} {parsed.Id}", cancellationToken).ConfigureAwait(false);
        }
        var (status, log) = await tracker.ReadAsync(parsed, logLines, cancellationToken).ConfigureAwait(false);
        var state = status.String("status") ?? "unknown";
        var exit = status.String("exitstatus");
        return new TaskReport(upid, parsed.Node, parsed.Type, state, exit, state == "stopped" && exit is not null && TaskTracker.IsSuccess(exit), outcome?.WaitedSeconds ?? 0, log);
    }

    /// <summary>
    /// Read any Proxmox API path with GET (read-only escape hatch for what no other tool covers), e.g. /cluster/ha/status/current or /nodes/pve1/disks/list.
    /// Only reviewed reads that need nothing beyond audit privileges; absolute URLs, '..' and query strings in the path are refused (pass query parameters in params).
    /// </summary>
    /// <param name="path">The path under /api2/json, e.g. /nodes/pve1/network.</param>
    /// <param name="params">Query parameters as name-value pairs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("proxmox_api_get", ToolTier.Read)]
    public async Task<ApiReadResult> ProxmoxApiGet([MaxLength(512)] string path, IReadOnlyDictionary<string, string>? @params = null, CancellationToken cancellationToken = default)
    {
        // The path the agent chose is read on its behalf: the policy opens only the reviewed audit reads to it.
        using var caller = Safety.Policy.PolicyCaller.Enter("proxmox_api_get", Safety.Policy.CallerRole.RawRead, Safety.Policy.PolicyCaller.Current.Call);
        var relative = ApiGetPath.Normalize(path);
        var query = new ProxmoxParameters();
        foreach (var (key, value) in @params ?? new Dictionary<string, string>())
        {
            if (!Regex.IsMatch(key, "^[A-Za-z0-9_-]{1,64}$") || value.Any(char.IsControl))
            {
                throw new ToolInputException($"Query parameter '{key}' is not a plain name=value pair.");
            }
            query.Add(key, value);
        }
        if (policy.EvaluateTable("GET", relative, query) is { Allowed: false } refused)
        {
            throw new ToolInputException(refused.Reason + " proxmox_api_get reads only the reviewed audit reads ('proxmox-mcp tools --policy' prints them); the other tools cover the rest.");
        }
        var data = await api.GetAsync(relative, query, cancellationToken).ConfigureAwait(false);
        return new ApiReadResult(relative, data);
    }
}
