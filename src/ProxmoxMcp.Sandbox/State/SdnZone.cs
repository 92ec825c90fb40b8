namespace ProxmoxMcp.Sandbox.State;

/// <summary>An SDN zone.</summary>
public sealed record SdnZone(string Zone, string Type, string? Bridge = null);
