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
}
