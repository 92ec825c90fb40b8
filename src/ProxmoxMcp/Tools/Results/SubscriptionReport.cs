namespace ProxmoxMcp.Tools.Results;

/// <summary>A node's Proxmox subscription (the key itself is never shown).</summary>
public sealed record SubscriptionReport(string Status, string? Level, string? Product, string? NextDueDate, string? Message);
