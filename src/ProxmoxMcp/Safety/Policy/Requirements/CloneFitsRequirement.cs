namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>A full clone copies every disk of its source: the copies fit on their target storages (the storage parameter, or each disk's own).</summary>
public sealed class CloneFitsRequirement : PolicyRequirement
{
    public override async Task<string?> CheckAsync(PolicyContext context)
    {
        var config = await context.Facts.GuestConfigAsync(context.Node, context.PathKind ?? "qemu", context.PathVmid ?? 0, context.CancellationToken).ConfigureAwait(false);
        var template = config.ValueKind == System.Text.Json.JsonValueKind.Object && config.TryGetProperty("template", out var t) && t.ToString() == "1";
        var full = context.Parameter("full") is { } value ? Rules.BoolRule.Parse(value) == true : !template;
        if (!full)
        {
            return null;
        }
        var target = context.Parameter("storage");
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, storage, bytes) in SpaceCheck.Disks(config))
        {
            if ((target ?? storage) is { } where)
            {
                SpaceCheck.Add(totals, where, bytes);
            }
        }
        var node = context.Parameter("target") ?? context.Node;
        return await SpaceCheck.FitsAsync(context, node, totals, $"a full clone of guest {context.PathVmid}").ConfigureAwait(false);
    }

    public override string Canonical => "full-clone-fits";
}
