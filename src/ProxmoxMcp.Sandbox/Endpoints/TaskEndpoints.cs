using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>Task lists, status and logs, per node and cluster-wide.</summary>
internal static class TaskEndpoints
{
    public static void Map(ApiRouter router, SandboxCluster cluster)
    {
        router.Map("GET", "/nodes/{node}/tasks",
        [
            P.Node, P.Int("start", 0).Opt(), P.Int("limit", 0).Opt(), P.Vmid.Opt(), P.Str("typefilter").Opt(), P.Str("userfilter").Opt(),
            P.Bool("errors").Opt(), P.OneOf("source", "archive", "active", "all").Opt(), P.Int("since").Opt(), P.Int("until").Opt(),
        ], request =>
        {
            cluster.RequireNode(request.Node);
            var source = request.Get("source") ?? "archive";
            var tasks = cluster.Tasks.Where(t => t.Node == request.Node)
                .Where(t => source == "all" || (source == "active") == t.IsRunning)
                .Where(t => request.Int("vmid") is not { } vmid || t.Id == vmid.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Where(t => request.Get("typefilter") is not { } type || t.Type.Contains(type, StringComparison.Ordinal))
                .Where(t => request.Get("userfilter") is not { } user || t.User.Contains(user, StringComparison.Ordinal))
                .Where(t => !request.Bool("errors") || (t.ExitStatus is { } exit && exit != "OK"))
                .Where(t => request.Int("since") is not { } since || ApiEndpoints.Unix(t.Started) >= since)
                .Where(t => request.Int("until") is not { } until || ApiEndpoints.Unix(t.Started) <= until)
                .OrderByDescending(t => t.Started)
                .Skip((int)(request.Int("start") ?? 0))
                .Take((int)(request.Int("limit") ?? 50));
            return tasks.Select(Entry).ToList();
        });

        router.Map("GET", "/cluster/tasks", [], _ =>
            cluster.Tasks.OrderByDescending(t => t.Started).Take(50).Select(Entry).ToList());

        router.Map("GET", "/nodes/{node}/tasks/{upid}/status", [P.Node, P.Str("upid")], request =>
        {
            var task = Find(cluster, request);
            var status = Entry(task);
            status["status"] = task.IsRunning ? "running" : "stopped";
            if (!task.IsRunning)
            {
                status["exitstatus"] = task.ExitStatus;
            }
            return status;
        });

        router.Map("GET", "/nodes/{node}/tasks/{upid}/log", [P.Node, P.Str("upid"), P.Int("start", 0).Opt(), P.Int("limit", 0).Opt(), P.Bool("download").Opt()], request =>
        {
            var task = Find(cluster, request);
            var start = (int)(request.Int("start") ?? 0);
            var limit = (int)(request.Int("limit") ?? 50);
            return task.Log.Select((text, i) => new Dictionary<string, object?> { ["n"] = i + 1, ["t"] = text }).Skip(start).Take(limit).ToList();
        });
    }

    private static SandboxTask Find(SandboxCluster cluster, SandboxRequest request)
    {
        var upid = request.Get("upid")!;
        var task = cluster.FindTask(upid);
        if (task is null || task.Node != request.Node)
        {
            throw ApiException.Failed($"unable to parse worker upid '{upid}'");
        }
        return task;
    }

    private static Dictionary<string, object?> Entry(SandboxTask task)
    {
        var entry = new Dictionary<string, object?>
        {
            ["upid"] = task.Upid,
            ["node"] = task.Node,
            ["pid"] = task.Pid,
            ["pstart"] = Convert.ToInt64(task.Upid.Split(':')[3], 16),
            ["starttime"] = ApiEndpoints.Unix(task.Started),
            ["type"] = task.Type,
            ["id"] = task.Id,
            ["user"] = task.User,
        };
        if (!task.IsRunning)
        {
            entry["endtime"] = ApiEndpoints.Unix(task.Ended!.Value);
            entry["status"] = task.ExitStatus;
        }
        return entry;
    }
}
