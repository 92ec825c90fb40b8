namespace ProxmoxMcp.Sandbox;

/// <summary>
/// The requests the sandbox answered, in order: the last <see cref="Capacity"/> of them, so a
/// long-running sandbox does not grow without bound. Thread-safe.
/// </summary>
public sealed class RequestLog
{
    public const int Capacity = 100_000;

    private readonly List<RequestRecord> _records = [];
    private readonly Lock _lock = new();

    public void Add(RequestRecord record)
    {
        lock (_lock)
        {
            if (_records.Count >= Capacity)
            {
                _records.RemoveRange(0, Capacity / 10);
            }
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
