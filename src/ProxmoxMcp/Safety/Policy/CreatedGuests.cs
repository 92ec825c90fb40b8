using System.Collections.Concurrent;

namespace ProxmoxMcp.Safety.Policy;

/// <summary>
/// The vmids this server has asked Proxmox to clone and not yet tagged, so that the server alone may put its own
/// tag (PROXMOX_MCP_TAG) on them afterwards: a clone copies its source's tags, and the tag can only be
/// added once the clone exists. Bounded, so a long session cannot grow it without end.
/// </summary>
public sealed class CreatedGuests
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<int, byte> _vmids = new();

    public void Add(int vmid)
    {
        if (_vmids.Count >= Capacity)
        {
            _vmids.Clear();
        }
        _vmids[vmid] = 0;
    }

    public bool Contains(int vmid) => _vmids.ContainsKey(vmid);

    public void Remove(int vmid) => _vmids.TryRemove(vmid, out _);
}
