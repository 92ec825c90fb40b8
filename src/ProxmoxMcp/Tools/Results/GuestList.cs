namespace ProxmoxMcp.Tools.Results;

/// <summary>Guests matching the filters.</summary>
/// <param name="Guests">The matching guests, by vmid, at most the limit.</param>
/// <param name="Total">How many guests matched before the limit.</param>
/// <param name="Truncated">True when more guests matched than were returned; narrow the filters or raise the limit.</param>
/// <param name="OfflineNodes">Nodes that are offline: their guests show status unknown.</param>
public sealed record GuestList(IReadOnlyList<GuestSummary> Guests, int Total, bool Truncated, IReadOnlyList<string> OfflineNodes);
