using ProxmoxMcp.Sandbox;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Tests.Diagnostics;

/// <summary>
/// Turns the sandbox's seeded cluster into one with nothing wrong, so a test can seed exactly the
/// problems it expects found: every node online, no failed task, a fresh backup of every guest, every
/// guest agent answering, every package current, certificates valid for a year.
/// </summary>
public static class HealthyCluster
{
    public static SandboxOptions Options => new() { OfflineNode = null, TaskDuration = TimeSpan.FromMilliseconds(200) };

    public static void Apply(SandboxCluster cluster)
    {
        lock (cluster.Sync)
        {
            foreach (var node in cluster.Nodes)
            {
                node.Online = true;
                for (var i = 0; i < node.Packages.Count; i++)
                {
                    node.Packages[i] = node.Packages[i] with { Candidate = node.Packages[i].Installed };
                }
            }
            cluster.Tasks.RemoveAll(t => t.ExitStatus is { } exit && exit != "OK" && !exit.StartsWith("WARNINGS", StringComparison.Ordinal));
            foreach (var guest in cluster.Guests.Values.Where(g => !g.IsTemplate))
            {
                guest.AgentRunning = true;
                AddBackup(cluster, guest, cluster.Now - TimeSpan.FromHours(20));
            }
        }
    }

    /// <summary>A backup of the guest on its node's "local" storage, taken at <paramref name="taken"/>.</summary>
    public static void AddBackup(SandboxCluster cluster, SandboxGuest guest, DateTimeOffset taken) =>
        cluster.Volumes.Add(new StorageVolume(guest.Node, "local", $"local:backup/vzdump-{guest.Kind}-{guest.Vmid}-{ClusterSeeder.Stamp(taken)}.{(guest.Type == GuestType.Qemu ? "vma" : "tar")}.zst",
            "backup", "zst", 1L << 30, guest.Vmid, taken));
}
