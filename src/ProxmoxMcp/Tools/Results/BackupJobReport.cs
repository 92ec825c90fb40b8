namespace ProxmoxMcp.Tools.Results;

/// <summary>A scheduled backup job.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Enabled">Whether it runs.</param>
/// <param name="Schedule">When (systemd calendar event).</param>
/// <param name="NextRun">Its next run.</param>
/// <param name="Covers">What it backs up: all guests (with exclusions), listed vmids, or a pool.</param>
/// <param name="Storage">Where backups go.</param>
/// <param name="Mode">snapshot, suspend or stop.</param>
/// <param name="Comment">Its comment.</param>
public sealed record BackupJobReport(string Id, bool Enabled, string? Schedule, DateTimeOffset? NextRun, string Covers, string? Storage, string? Mode, string? Comment);
