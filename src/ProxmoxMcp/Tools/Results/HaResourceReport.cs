namespace ProxmoxMcp.Tools.Results;

/// <summary>A guest under HA.</summary>
/// <param name="Sid">vm:100 or ct:201.</param>
/// <param name="State">What the HA manager reports (started, stopped, error, fence, recovery, ...).</param>
/// <param name="Requested">What was asked for (started, stopped, ignored, disabled).</param>
/// <param name="Node">Where it is.</param>
/// <param name="Comment">Its comment.</param>
public sealed record HaResourceReport(string Sid, string? State, string? Requested, string? Node, string? Comment);
