namespace ProxmoxMcp.Safety.Policy;

/// <summary>What the policy needs to know of an existing guest, as /cluster/resources reports it.</summary>
public sealed record GuestFacts(int Vmid, string Node, string ApiKind, IReadOnlyList<string> Tags, bool Template, long DiskBytes, long MaxDiskBytes);
