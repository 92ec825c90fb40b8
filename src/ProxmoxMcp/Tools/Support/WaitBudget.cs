using ProxmoxMcp.Tasks;

namespace ProxmoxMcp.Tools.Support;

/// <summary>The wait parameters every state-changing tool shares.</summary>
public static class WaitBudget
{
    public const int DefaultSeconds = 120;

    /// <summary>The longest a tool waits: 30 minutes (TaskTracker.MaxWait).</summary>
    public const int MaxSeconds = 1800;

    public static TimeSpan From(int seconds) => TimeSpan.FromSeconds(Math.Clamp(seconds, 1, (int)TaskTracker.MaxWait.TotalSeconds));
}
