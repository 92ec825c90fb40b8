namespace ProxmoxMcp.Sandbox;

/// <summary>One request as the sandbox saw it, for tests to read.</summary>
public sealed record RequestRecord(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    int Status,
    string? TokenId,
    DateTimeOffset Time);
