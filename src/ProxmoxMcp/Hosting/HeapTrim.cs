namespace ProxmoxMcp.Hosting;

/// <summary>
/// Keeps a long-lived server small between calls. The runtime sizes its youngest generation from the
/// CPU cache (tens of MiB on a server CPU), so a process that answers small calls grows to that size
/// before it ever collects, and the budget cannot be set from the application's configuration. After a
/// call, once more than <see cref="Budget"/> has been allocated since the last collection, the youngest
/// generation is collected: a short pause between calls, never during one.
/// </summary>
public static class HeapTrim
{
    /// <summary>Bytes allocated between collections at most (as if the young generation were this large).</summary>
    public const long Budget = 4 * 1024 * 1024;

    private static long _collectedAt;

    public static void AfterCall()
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var last = Interlocked.Read(ref _collectedAt);
        if (allocated - last > Budget && Interlocked.CompareExchange(ref _collectedAt, allocated, last) == last)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        }
    }
}
