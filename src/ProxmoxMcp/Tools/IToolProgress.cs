namespace ProxmoxMcp.Tools;

/// <summary>
/// Where a long-running tool reports how far it got. Over MCP this becomes
/// <c>notifications/progress</c> (only when the request carried a progress token);
/// on the CLI it becomes a line on stderr.
/// </summary>
public interface IToolProgress
{
    /// <summary>Reports progress; never throws, since losing a progress line must not fail the tool.</summary>
    ValueTask ReportAsync(double progress, double? total, string message, CancellationToken cancellationToken);
}
