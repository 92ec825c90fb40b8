namespace ProxmoxMcp.Tools.Results;

/// <summary>A free guest id.</summary>
/// <param name="Vmid">The lowest free id (not reserved: allocate_vmid reserves one).</param>
public sealed record NextVmid(int Vmid);
