namespace ProxmoxMcp.Safety.Policy;

/// <summary>
/// One parameter an operation may carry: its schema name (<c>net[n]</c> for indexed keys, with the
/// highest index Proxmox accepts), its rule, and whether it may repeat (array parameters).
/// </summary>
public sealed record ParameterSpec(string Name, ParameterRule Rule, int? MaxIndex = null, bool Repeatable = false)
{
    public bool IsIndexed => MaxIndex is not null;

    /// <summary>The stem of an indexed name: "net" for net[n].</summary>
    public string Stem => IsIndexed ? Name[..^3] : Name;

    public string Canonical => $"{Name}{(IsIndexed ? $"<={MaxIndex}" : string.Empty)}{(Repeatable ? "*" : string.Empty)}: {Rule.Canonical}";
}
