namespace ProxmoxMcp.Tools.Results;

/// <summary>A free guest id.</summary>
public sealed record NextVmid(int Vmid);
