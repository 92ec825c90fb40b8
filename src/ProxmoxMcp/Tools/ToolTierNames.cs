namespace ProxmoxMcp.Tools;

/// <summary>The names settings use for tiers (PROXMOX_TIERS, PROXMOX_CONFIRM's tier: rules, PROXMOX_TIME_BUDGETS).</summary>
public static class ToolTierNames
{
    private static readonly Dictionary<string, ToolTier> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["read"] = ToolTier.Read,
        ["power"] = ToolTier.Lifecycle,
        ["provision"] = ToolTier.Provision,
        ["exec"] = ToolTier.GuestExec,
    };

    public static IReadOnlyCollection<string> All { get; } = ["read", "power", "provision", "exec"];

    public static string Name(ToolTier tier) => tier switch
    {
        ToolTier.Read => "read",
        ToolTier.Lifecycle => "power",
        ToolTier.Provision => "provision",
        _ => "exec",
    };

    public static bool TryParse(string name, out ToolTier tier) => ByName.TryGetValue(name.Trim(), out tier);
}
