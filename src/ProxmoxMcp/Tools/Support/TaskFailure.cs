using ProxmoxMcp.Tasks;

namespace ProxmoxMcp.Tools.Support;

/// <summary>The text of a failed task: what failed, its exit status, and the tail of its log.</summary>
public static class TaskFailure
{
    public static string Describe(string what, TaskOutcome outcome)
    {
        var text = $"{what} failed: {outcome.ExitStatus} (task {outcome.Upid}).";
        if (outcome.LogTail is { Count: > 0 } log)
        {
            text += "\nTask log (last lines):\n  " + string.Join("\n  ", log);
        }
        return text;
    }
}
