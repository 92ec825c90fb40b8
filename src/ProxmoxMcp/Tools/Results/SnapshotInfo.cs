namespace ProxmoxMcp.Tools.Results;

/// <summary>One snapshot.</summary>
/// <param name="Name">The snapshot name.</param>
/// <param name="Description">Its description.</param>
/// <param name="Taken">When it was taken.</param>
/// <param name="Parent">The snapshot it follows.</param>
/// <param name="WithMemory">Whether it includes the VM's memory.</param>
public sealed record SnapshotInfo(string Name, string Description, DateTimeOffset? Taken, string? Parent, bool WithMemory);
