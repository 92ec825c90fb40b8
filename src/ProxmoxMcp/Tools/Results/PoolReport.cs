namespace ProxmoxMcp.Tools.Results;

/// <summary>A resource pool.</summary>
public sealed record PoolReport(string Pool, string? Comment, IReadOnlyList<int> Guests);
