namespace ProxmoxMcp.TestSupport;

/// <summary>A clock that moves only when told: wall time and the timestamps elapsed times are measured with.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;
    private long _ticks;

    public override DateTimeOffset GetUtcNow()
    {
        lock (this)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by)
    {
        lock (this)
        {
            _now += by;
        }
        Interlocked.Add(ref _ticks, by.Ticks);
    }
}
