namespace ProxmoxMcp.Tools.Results;

/// <summary>An SDN zone.</summary>
public sealed record SdnZoneReport(string Zone, string? Type, string? Bridge, bool Pending);
