namespace ProxmoxMcp.Tools.Results;

/// <summary>A node's Proxmox subscription (the key itself is never shown).</summary>
/// <param name="Status">new, notfound, active, invalid, expired, suspended.</param>
/// <param name="Level">c (community), b (basic), s (standard), p (premium).</param>
/// <param name="Product">The product name.</param>
/// <param name="NextDueDate">When it is due.</param>
/// <param name="Message">Proxmox's status message.</param>
public sealed record SubscriptionReport(string Status, string? Level, string? Product, string? NextDueDate, string? Message);
