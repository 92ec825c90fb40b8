using System.Globalization;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Cli;

/// <summary>Progress of a <c>call</c> on stderr, so stdout keeps only the tool's result.</summary>
internal sealed class StderrToolProgress(TextWriter error) : IToolProgress
{
    public async ValueTask ReportAsync(double progress, double? total, string message, CancellationToken cancellationToken)
    {
        var fraction = total is > 0 ? $" [{(progress / total.Value * 100).ToString("0", CultureInfo.InvariantCulture)}%]" : string.Empty;
        await error.WriteLineAsync($"... {message}{fraction}").ConfigureAwait(false);
    }
}
