namespace ProxmoxMcp.Tools.Results;

/// <summary>A storage replication job and its last run.</summary>
/// <param name="Id">GUEST-N.</param>
/// <param name="Guest">The guest replicated.</param>
/// <param name="Source">The node it runs on.</param>
/// <param name="Target">The node it replicates to.</param>
/// <param name="Schedule">When it runs.</param>
/// <param name="Enabled">False when disabled.</param>
/// <param name="LastSync">The last successful sync.</param>
/// <param name="NextSync">The next run.</param>
/// <param name="DurationSeconds">How long the last run took.</param>
/// <param name="FailCount">Failures in a row.</param>
/// <param name="Error">The last error.</param>
public sealed record ReplicationReport(string Id, int? Guest, string? Source, string? Target, string? Schedule, bool Enabled, DateTimeOffset? LastSync, DateTimeOffset? NextSync, double? DurationSeconds, int? FailCount, string? Error);
