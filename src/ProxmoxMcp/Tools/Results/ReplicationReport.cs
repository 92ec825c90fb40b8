namespace ProxmoxMcp.Tools.Results;

/// <summary>A storage replication job and its last run.</summary>
public sealed record ReplicationReport(string Id, int? Guest, string? Source, string? Target, string? Schedule, bool Enabled, DateTimeOffset? LastSync, DateTimeOffset? NextSync, double? DurationSeconds, int? FailCount, string? Error);
