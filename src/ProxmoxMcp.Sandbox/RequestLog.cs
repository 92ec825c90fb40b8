namespace ProxmoxMcp.Sandbox;

/// <summary>One request as the sandbox saw it, for tests to read.</summary>
public sealed record RequestRecord(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    int Status,
    string? TokenId,
    DateTimeOffset Time);

/// <summary>Every request the sandbox answered, in order. Thread-safe.</summary>
public sealed class RequestLog
{
    private readonly List<RequestRecord> _records = [];
    private readonly Lock _lock = new();

    public void Add(RequestRecord record)
    {
        lock (_lock)
        {
            _records.Add(record);
        }
    }

    public IReadOnlyList<RequestRecord> Snapshot()
    {
        lock (_lock)
        {
            return [.. _records];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _records.Clear();
        }
    }
}
