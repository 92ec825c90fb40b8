using System.Globalization;
using ProxmoxMcp.Sandbox.Http;

namespace ProxmoxMcp.Sandbox.State;

/// <summary>
/// The simulated cluster's whole state, behind one lock. Time moves on by itself: every request
/// first completes the tasks whose time has come (<see cref="Advance"/>), so task outcomes and their
/// effects land in order without background timers.
/// </summary>
public sealed class SandboxCluster(SandboxOptions options, TimeProvider time)
{
    private int _nextPid = 0x2a00;
    private int _nextAgentPid = 4000;

    public Lock Sync { get; } = new();

    public SandboxOptions Options { get; } = options;

    public TimeProvider Time { get; } = time;

    public List<SandboxNode> Nodes { get; } = [];

    public SortedDictionary<int, SandboxGuest> Guests { get; } = [];

    public List<SandboxStorage> Storages { get; } = [];

    public List<StorageVolume> Volumes { get; } = [];

    public List<SandboxTask> Tasks { get; } = [];

    public SortedSet<string> Pools { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, AgentProcess> AgentProcesses { get; } = [];

    public List<string> Bridges { get; } = ["vmbr0", "vmbr1"];

    /// <summary>Guests the HA manager looks after: sid (vm:100, ct:200) to the state it keeps them in.</summary>
    public SortedDictionary<string, string> HaResources { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Takes a node offline or brings it back (fault injection).</summary>
    public void SetNodeOnline(string node, bool online)
    {
        lock (Sync)
        {
            FindNode(node)!.Online = online;
        }
    }

    public SandboxNode? FindNode(string name) => Nodes.FirstOrDefault(n => n.Name == name);

    /// <summary>The node for a proxied call: 595 when offline, the real lookup failure when unknown.</summary>
    public SandboxNode RequireNode(string name)
    {
        var node = FindNode(name) ?? throw ApiException.Failed($"hostname lookup '{name}' failed - failed to get address info for: {name}: Name or service not known");
        return node.Online ? node : throw new ApiException(595, "No route to host");
    }

    /// <summary>The guest of a /nodes/{node}/{kind}/{vmid} path, with the real error when it is elsewhere or absent.</summary>
    public SandboxGuest RequireGuest(string node, GuestType type, int vmid)
    {
        if (!Guests.TryGetValue(vmid, out var guest) || guest.Type != type || guest.Node != node)
        {
            var dir = type == GuestType.Qemu ? "qemu-server" : "lxc";
            throw ApiException.Failed($"Configuration file 'nodes/{node}/{dir}/{vmid}.conf' does not exist");
        }
        return guest;
    }

    public void EnsureUnlocked(SandboxGuest guest)
    {
        if (guest.Lock is { } held)
        {
            throw ApiException.Failed($"{guest.Noun} is locked ({held})");
        }
    }

    /// <summary>Set by the fault injector: an error a finishing task of a type meets instead of its effect.</summary>
    internal Func<string, string?>? TaskFailure { get; set; }

    /// <summary>Completes every task whose time has come, oldest first.</summary>
    public void Advance()
    {
        var now = Now;
        foreach (var task in Tasks.Where(t => t.IsRunning && t.EndsAt <= now).OrderBy(t => t.EndsAt).ToList())
        {
            string? error;
            try
            {
                if (TaskFailure?.Invoke(task.Type) is { } injected)
                {
                    // A task that fails half-way: it did part of its work, logged it, then stopped with an error.
                    task.Log.Add("progress 50% (injected failure follows)");
                    error = injected;
                }
                else
                {
                    error = task.Effect?.Invoke(task);
                }
            }
            catch (ApiException exception)
            {
                error = exception.Message;
            }
            task.Ended = task.EndsAt;
            if (error is null)
            {
                task.Log.Add("TASK OK");
                task.ExitStatus = "OK";
            }
            else if (error.StartsWith("WARNINGS:", StringComparison.Ordinal))
            {
                task.Log.Add("TASK " + error);
                task.ExitStatus = error;
            }
            else
            {
                task.Log.Add("TASK ERROR: " + error);
                task.ExitStatus = error;
            }
        }
    }

    /// <summary>Starts a worker task and returns its UPID; <paramref name="effect"/> runs when it ends and returns an error or null.</summary>
    public string StartTask(string node, string type, string id, string user, Func<SandboxTask, string?>? effect, TimeSpan? duration = null, params string[] log)
    {
        var started = Now;
        var pid = _nextPid++;
        var upid = string.Create(CultureInfo.InvariantCulture,
            $"UPID:{node}:{pid:X8}:{(started.ToUnixTimeMilliseconds() / 10) & 0xFFFFFFFF:X8}:{started.ToUnixTimeSeconds():X8}:{type}:{id}:{user}:");
        var task = new SandboxTask(upid, node, type, id, user, started, started + (duration ?? Options.TaskDuration), effect);
        task.Log.AddRange(log);
        Tasks.Add(task);
        if (Tasks.Count > 5000)
        {
            Tasks.RemoveAll(t => !t.IsRunning && t.Ended < started - TimeSpan.FromHours(1));
        }
        return upid;
    }

    public SandboxTask? FindTask(string upid) => Tasks.FirstOrDefault(t => t.Upid == upid);

    public int NextAgentPid() => _nextAgentPid++;

    /// <summary>The lowest free vmid from 100, as /cluster/nextid answers.</summary>
    public int NextFreeVmid()
    {
        var vmid = 100;
        while (Guests.ContainsKey(vmid))
        {
            vmid++;
        }
        return vmid;
    }

    public IEnumerable<StorageVolume> VolumesOn(string node, string storage) =>
        Volumes.Where(v => v.Node == node && v.Storage == storage);

    /// <summary>Allocates a guest disk on <paramref name="storage"/>: "local-lvm:vm-101-disk-0".</summary>
    public string AllocateDisk(string node, string storage, int vmid, long bytes, string prefix = "vm")
    {
        var definition = Storages.FirstOrDefault(s => s.Name == storage) ?? throw ApiException.Failed($"storage '{storage}' does not exist");
        var content = prefix == "subvol" ? "rootdir" : "images";
        if (!definition.Content.Contains(content) && !(content == "rootdir" && definition.Content.Contains("images")))
        {
            throw ApiException.Failed($"storage '{storage}' does not support {(content == "rootdir" ? "container directories" : "vm images")}");
        }
        var index = 0;
        string volid;
        do
        {
            volid = $"{storage}:{prefix}-{vmid}-disk-{index++}";
        }
        while (Volumes.Any(v => v.VolId == volid && v.Node == node));
        Volumes.Add(new StorageVolume(node, storage, volid, content, "raw", bytes, vmid, Now));
        return volid;
    }

    public void FreeDisks(SandboxGuest guest) =>
        Volumes.RemoveAll(v => v.Node == guest.Node && v.Vmid == guest.Vmid && v.Content is "images" or "rootdir");

    public long UsedBytes(string node, string storage) => VolumesOn(node, storage).Sum(v => v.Size);
}
