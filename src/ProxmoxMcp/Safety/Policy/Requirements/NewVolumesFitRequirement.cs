using ProxmoxMcp.Safety.Policy.Rules;

namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>Every new volume of the request fits, together, in its storage's free space.</summary>
public sealed class NewVolumesFitRequirement : PolicyRequirement
{
    /// <summary>EFI vars and TPM state volumes are a few MiB whatever size is asked for.</summary>
    private const long SmallVolumeBytes = 4L << 20;

    public override Task<string?> CheckAsync(PolicyContext context)
    {
        var totals = BytesByStorage(context.Operation, context.Request.Parameters);
        return totals.Count == 0 ? Task.FromResult<string?>(null) : SpaceCheck.FitsAsync(context, context.Node, totals, "the new volume(s)");
    }

    /// <summary>What the request's new volumes take from each storage (the preview shows the same figures).</summary>
    public static IReadOnlyDictionary<string, long> BytesByStorage(OperationRule operation, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            if (operation.FindParameter(key)?.Rule is NewVolumeRule rule && NewVolumeRule.Allocation(value) is { } allocation)
            {
                SpaceCheck.Add(totals, allocation.Storage, rule.Kind is VolumeKind.EfiDisk or VolumeKind.TpmState ? SmallVolumeBytes : allocation.Gib << 30);
            }
        }
        return totals;
    }

    public override string Canonical => "new-volumes-fit";
}
