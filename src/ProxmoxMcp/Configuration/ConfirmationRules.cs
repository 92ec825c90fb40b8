using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Configuration;

/// <summary>
/// Which calls need a person's yes before anything changes (PROXMOX_CONFIRM): tool names, tiers, guest
/// tags, or every write. Empty by default. Tag rules apply to the calls that change something (tiers
/// B to D'); a tool named explicitly is confirmed whatever its tier.
/// </summary>
public sealed record ConfirmationRules
{
    public static ConfirmationRules None { get; } = new();

    public IReadOnlySet<string> Tools { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlySet<ToolTier> Tiers { get; init; } = new HashSet<ToolTier>();

    /// <summary>
    /// Compared without regard to case, as Proxmox treats tags by default (datacenter.cfg tag-style
    /// case-sensitive=0): a rule for "prod" also asks for a guest tagged "Prod". Asking more is the safe side.
    /// </summary>
    public IReadOnlySet<string> Tags
    {
        get => _tags;
        init => _tags = new HashSet<string>(value, StringComparer.OrdinalIgnoreCase);
    }

    private readonly HashSet<string> _tags = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every call of tiers B to D'.</summary>
    public bool Writes { get; init; }

    public bool IsEmpty => Tools.Count == 0 && Tiers.Count == 0 && Tags.Count == 0 && !Writes;

    /// <summary>Whether every call of this tool needs confirmation, whatever guest it acts on.</summary>
    public bool AlwaysFor(string tool, ToolTier tier) =>
        Tools.Contains(tool) || Tiers.Contains(tier) || (Writes && tier != ToolTier.Read);

    /// <summary>The confirmation tags a call of this tool is subject to (none for reads).</summary>
    public IReadOnlySet<string> TagsFor(ToolTier tier) => tier == ToolTier.Read ? new HashSet<string>() : Tags;

    /// <summary>The rules as PROXMOX_CONFIRM spells them, for messages.</summary>
    public override string ToString() => string.Join(",",
        (Writes ? ["writes"] : Array.Empty<string>())
        .Concat(Tiers.Order().Select(t => "tier:" + ToolTierNames.Name(t)))
        .Concat(Tags.Order(StringComparer.Ordinal).Select(t => "tag:" + t))
        .Concat(Tools.Order(StringComparer.Ordinal)));
}
