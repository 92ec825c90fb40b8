using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Tools;

/// <summary>
/// Sends <c>notifications/progress</c> for one request. It goes through the request's own server,
/// as the SDK requires for notifications to reach the client over HTTP as well as stdio.
/// </summary>
internal sealed class McpToolProgress(McpServer server, ProgressToken token) : IToolProgress
{
    public async ValueTask ReportAsync(double progress, double? total, string message, CancellationToken cancellationToken)
    {
        try
        {
            await server.NotifyProgressAsync(
                token,
                new ProgressNotificationValue { Progress = (float)progress, Total = total is { } t ? (float)t : null, Message = message },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A lost progress line must never fail the operation it describes.
        }
    }
}
