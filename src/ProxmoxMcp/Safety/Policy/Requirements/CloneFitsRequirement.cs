namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>A full clone copies every disk of its source: the copies fit on their target storages (the storage parameter, or each disk's own).</summary>
public sealed class CloneFitsRequirement : PolicyRequirement
{
    public override async Task<string?> CheckAsync(PolicyContext context)
    {
        var config = await context.Facts.GuestConfigAsync(context.Node, context.PathKind ?? "qemu", context.PathVmid ?? 0, context.CancellationToken).ConfigureAwait(false);
        var totals = BytesByStorage(config, context.Parameter("full"), context.Parameter("storage"));
        if (totals is null)
        {
            return null;
        }
        var node = context.Parameter("target") ?? context.Node;
        return await SpaceCheck.FitsAsync(context, node, totals, $"a full clone of guest {context.PathVmid}").ConfigureAwait(false);
    }

    /// <summary>
    /// What a clone of a guest with this configuration copies to each storage; null for a linked clone, which
    /// copies nothing (the preview shows the same figures).
    /// </summary>
    /// <param name="source">The source's configuration.</param>
    /// <param name="full">The request's full parameter; by default templates are cloned linked, guests in full.</param>
    /// <param name="storage">The request's target storage; by default each disk's own.</param>
    public static IReadOnlyDictionary<string, long>? BytesByStorage(System.Text.Json.JsonElement source, string? full, string? storage)
    {
        var template = source.ValueKind == System.Text.Json.JsonValueKind.Object && source.TryGetProperty("template", out var t) && t.ToString() == "1";
        if (!(full is { } value ? Rules.BoolRule.Parse(value) == true : !template))
        {
            return null;
        }
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, disk, bytes) in SpaceCheck.Disks(source))
        {
            if ((storage ?? disk) is { } where)
            {
                SpaceCheck.Add(totals, where, bytes);
            }
        }
        return totals;
    }

    public override string Canonical => "full-clone-fits";
}
