namespace ProxmoxMcp.Sandbox.State;

/// <summary>A physical disk of a node with its SMART health and wear (percent of life left; null where the disk reports none).</summary>
public sealed record NodeDisk(string DevPath, string Model, string Serial, long Size, string Type, string Health, int? Wearout, string Used);
