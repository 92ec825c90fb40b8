using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Tasks;

/// <summary>
/// Follows a Proxmox task (UPID) to its end: polls its status on the node named in the UPID,
/// reports progress while waiting, stops waiting on cancellation or when the budget runs out, and on
/// failure fetches the tail of the task log so the agent sees why.
/// </summary>
public sealed class TaskTracker(IProxmoxApi api, TaskTrackerOptions options)
{
    /// <summary>The longest any tool may wait for a task.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(30);

    public async Task<TaskOutcome> WaitAsync(string upidText, TimeSpan budget, IToolProgress progress, string activity, CancellationToken cancellationToken)
    {
        var upid = Upid.Parse(upidText);
        if (Safety.Preview.PreviewLog.Current is not null && Safety.Preview.PreviewAnswers.IsStandIn(upidText))
        {
            // A dry run's stand-in task never ran: it "ends" at once, so the tool goes on to its next step as the real call would.
            return new TaskOutcome(upid.Text, upid.Node, upid.Type, "stopped", Safety.Preview.PreviewAnswers.NotRun, true, 0, null);
        }
        var statusPath = ApiPath.Build("nodes", upid.Node, "tasks", upid.Text, "status");
        var started = Stopwatch.GetTimestamp();
        var delay = options.FirstPollDelay;
        var reports = 0;
        while (true)
        {
            var status = await api.GetAsync(statusPath, cancellationToken: cancellationToken).ConfigureAwait(false);
            var waited = Stopwatch.GetElapsedTime(started);
            if (status.String("status") == "stopped")
            {
                var exit = status.String("exitstatus") ?? string.Empty;
                var succeeded = IsSuccess(exit);
                var tail = succeeded ? null : await LogTailAsync(upid, cancellationToken).ConfigureAwait(false);
                await progress.ReportAsync(budget.TotalSeconds, budget.TotalSeconds, $"{activity}: {(succeeded ? "done" : "failed")} ({exit})", cancellationToken).ConfigureAwait(false);
                return new TaskOutcome(upid.Text, upid.Node, upid.Type, "stopped", exit, succeeded, Math.Round(waited.TotalSeconds, 1), tail);
            }
            if (waited >= budget)
            {
                return new TaskOutcome(upid.Text, upid.Node, upid.Type, "running", null, false, Math.Round(waited.TotalSeconds, 1), null);
            }
            reports++;
            await progress.ReportAsync(
                Math.Min(waited.TotalSeconds, budget.TotalSeconds),
                budget.TotalSeconds,
                $"{activity}: running ({waited.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s)",
                cancellationToken).ConfigureAwait(false);
            var remaining = budget - waited;
            await Task.Delay(delay < remaining ? delay : remaining, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollDelay.Ticks));
        }
    }

    /// <summary>The current status of a task, without waiting, plus its log tail.</summary>
    public async Task<(JsonElement Status, IReadOnlyList<string> Log)> ReadAsync(Upid upid, int logLines, CancellationToken cancellationToken)
    {
        var status = await api.GetAsync(ApiPath.Build("nodes", upid.Node, "tasks", upid.Text, "status"), cancellationToken: cancellationToken).ConfigureAwait(false);
        var log = await LogTailAsync(upid, cancellationToken, logLines).ConfigureAwait(false);
        return (status, log);
    }

    /// <summary>OK and "WARNINGS: n" are success; any other exit status is the error text.</summary>
    public static bool IsSuccess(string exitStatus) =>
        exitStatus == "OK" || exitStatus.StartsWith("WARNINGS", StringComparison.Ordinal);

    private async Task<IReadOnlyList<string>> LogTailAsync(Upid upid, CancellationToken cancellationToken, int? lines = null)
    {
        var count = lines ?? options.LogTailLines;
        var log = await api.GetAsync(
            ApiPath.Build("nodes", upid.Node, "tasks", upid.Text, "log"),
            new ProxmoxParameters().Add("start", 0L).Add("limit", 5000L),
            cancellationToken).ConfigureAwait(false);
        var all = log.Items().Select(line => line.String("t") ?? string.Empty).ToList();
        return all.Skip(Math.Max(0, all.Count - count)).ToList();
    }
}
