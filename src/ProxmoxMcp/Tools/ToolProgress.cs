namespace ProxmoxMcp.Tools;

/// <summary>Progress sinks that need no transport.</summary>
public static class ToolProgress
{
    /// <summary>A sink that drops every report: the request asked for no progress.</summary>
    public static IToolProgress None { get; } = new NoProgress();

    private sealed class NoProgress : IToolProgress
    {
        public ValueTask ReportAsync(double progress, double? total, string message, CancellationToken cancellationToken) =>
            ValueTask.CompletedTask;
    }
}
