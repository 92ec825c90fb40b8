namespace ProxmoxMcp.Tools.Results;

/// <summary>A resource pool.</summary>
/// <param name="Pool">The pool.</param>
/// <param name="Comment">Its comment.</param>
/// <param name="Guests">The guests in it.</param>
public sealed record PoolReport(string Pool, string? Comment, IReadOnlyList<int> Guests);
