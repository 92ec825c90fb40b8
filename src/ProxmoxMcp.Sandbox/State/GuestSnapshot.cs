namespace ProxmoxMcp.Sandbox.State;

/// <summary>A snapshot: the guest's configuration at that moment, and its place in the snapshot tree.</summary>
public sealed record GuestSnapshot(string Name, string Description, DateTimeOffset Time, string? Parent, bool WithMemory, IReadOnlyDictionary<string, string> Config);
