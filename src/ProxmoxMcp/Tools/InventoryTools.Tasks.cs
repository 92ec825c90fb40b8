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
    /// Recent tasks, newest first, with their outcome.
    /// </summary>
    /// <param name="node">Only this node.</param>
    /// <param name="vmid">Only this guest.</param>
    /// <param name="errorsOnly">Only failed tasks.</param>
    /// <param name="runningOnly">Only running tasks.</param>
    /// <param name="limit">Most to list.</param>
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
    /// One task by UPID with its log tail; can wait for it to end.
    /// </summary>
    /// <param name="upid">The task's UPID.</param>
    /// <param name="wait">Wait until it ends.</param>
    /// <param name="timeoutSeconds">Max wait, seconds.</param>
    /// <param name="logLines">Log lines to show.</param>
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
    /// GET a reviewed read-only API path no other tool covers, e.g. /cluster/options.
    /// </summary>
    /// <param name="path">Path under /api2/json.</param>
    /// <param name="params">Query parameters.</param>
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
