namespace ProxmoxMcp.Tools.Results;

/// <summary>One snapshot.</summary>
public sealed record SnapshotInfo(string Name, string Description, DateTimeOffset? Taken, string? Parent, bool WithMemory);
