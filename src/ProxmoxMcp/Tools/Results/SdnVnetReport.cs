namespace ProxmoxMcp.Tools.Results;

/// <summary>An SDN vnet.</summary>
public sealed record SdnVnetReport(string Vnet, string? Zone, int? Tag, string? Alias);
