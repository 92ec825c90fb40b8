namespace ProxmoxMcp.Tools.Support;

/// <summary>
/// Reserves free vmids inside this server for a few minutes, so parallel creates in one server never
/// pick the same id (Proxmox's /cluster/nextid reserves nothing). Reservations expire on their own.
/// </summary>
public sealed class VmidAllocator(TimeProvider time)
{
    public static readonly TimeSpan ReservationTime = TimeSpan.FromMinutes(5);

    private readonly Dictionary<int, DateTimeOffset> _reserved = [];
    private readonly Lock _lock = new();

    /// <summary>Reserves the lowest id in [first, last] that no guest uses and nobody reserved.</summary>
    public (int Vmid, DateTimeOffset Until) Reserve(IEnumerable<int> used, int first, int last)
    {
        var taken = used.ToHashSet();
        lock (_lock)
        {
            var now = time.GetUtcNow();
            foreach (var expired in _reserved.Where(r => r.Value <= now).Select(r => r.Key).ToList())
            {
                _reserved.Remove(expired);
            }
            for (var vmid = first; vmid <= last; vmid++)
            {
                if (!taken.Contains(vmid) && !_reserved.ContainsKey(vmid))
                {
                    var until = now + ReservationTime;
                    // A preview names the id the real call would take, and keeps nothing.
                    if (Safety.Preview.PreviewLog.Current is null)
                    {
                        _reserved[vmid] = until;
                    }
                    return (vmid, until);
                }
            }
        }
        throw new ToolInputException($"No free vmid between {first} and {last}.");
    }

    /// <summary>True when the id is reserved (by an earlier allocate_vmid) and the reservation has not expired.</summary>
    public bool IsReserved(int vmid)
    {
        lock (_lock)
        {
            return _reserved.TryGetValue(vmid, out var until) && until > time.GetUtcNow();
        }
    }
}
