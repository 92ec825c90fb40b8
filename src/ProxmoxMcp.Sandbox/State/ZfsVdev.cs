namespace ProxmoxMcp.Sandbox.State;

/// <summary>One device of a ZFS pool with its state and error counters.</summary>
public sealed record ZfsVdev(string Name, string State, int Read, int Write, int Checksum, string Message = "");
