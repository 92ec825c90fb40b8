namespace ProxmoxMcp.Sandbox.State;

/// <summary>One Ceph pool.</summary>
public sealed record CephPool(int Id, string Name, int Size, int MinSize, int PgNum, long BytesUsed, double PercentUsed);
