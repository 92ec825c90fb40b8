namespace ProxmoxMcp.Tools.Results;

/// <summary>A scheduled backup job.</summary>
public sealed record BackupJobReport(string Id, bool Enabled, string? Schedule, DateTimeOffset? NextRun, string Covers, string? Storage, string? Mode, string? Comment);
