namespace ProxmoxMcp.Tools.Results;

/// <summary>Guests matching the filters.</summary>
public sealed record GuestList(IReadOnlyList<GuestSummary> Guests, int Total, bool Truncated, IReadOnlyList<string> OfflineNodes);
