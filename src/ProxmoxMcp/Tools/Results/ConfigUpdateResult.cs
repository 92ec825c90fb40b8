namespace ProxmoxMcp.Tools.Results;

/// <summary>What a configuration update changed.</summary>
public sealed record ConfigUpdateResult(int Vmid, GuestKind Type, string Node, IReadOnlyList<ConfigChange> Changes, string Digest, string Message, SafetySnapshot? SafetySnapshot = null);
