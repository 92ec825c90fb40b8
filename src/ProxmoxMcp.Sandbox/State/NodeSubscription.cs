namespace ProxmoxMcp.Sandbox.State;

/// <summary>A node's subscription: status notfound, active, expired, ...; the key is what the real answer carries too.</summary>
public sealed record NodeSubscription(string Status, string Message, string? Key = null, string? Level = null, string? ProductName = null, string? NextDueDate = null);
