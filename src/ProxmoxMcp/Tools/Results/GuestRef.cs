namespace ProxmoxMcp.Tools.Results;

/// <summary>A guest, named.</summary>
public sealed record GuestRef(int Vmid, string? Name, string? Type);
