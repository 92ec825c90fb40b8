namespace ProxmoxMcp.Sandbox.State;

/// <summary>A cluster node. An offline node still appears in listings; calls proxied to it get 595.</summary>
public sealed class SandboxNode(string name, int cores, long memoryTotal, DateTimeOffset bootTime)
{
    public string Name { get; } = name;

    public bool Online { get; set; } = true;

    public int Cores { get; } = cores;

    public long MemoryTotal { get; } = memoryTotal;

    public DateTimeOffset BootTime { get; set; } = bootTime;

    public double CpuLoad { get; set; } = 0.07;

    public List<NodeCertificate> Certificates { get; } = [];

    /// <summary>The Proxmox packages apt/versions reports; an update is pending where the candidate differs from the installed version.</summary>
    public List<PackageVersion> Packages { get; } = [];

    public List<NodeDisk> Disks { get; } = [];

    public List<ZfsPool> ZfsPools { get; } = [];

    public List<NodeService> Services { get; } = [];

    /// <summary>The systemd journal, oldest first.</summary>
    public List<JournalEntry> Journal { get; } = [];

    public NodeSubscription Subscription { get; set; } = new("notfound", "There is no subscription key");
}
