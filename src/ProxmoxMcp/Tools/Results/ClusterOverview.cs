namespace ProxmoxMcp.Tools.Results;

/// <summary>What the cluster holds.</summary>
public sealed record ClusterOverview(IReadOnlyList<ClusterResource> Resources, int Total, bool Truncated, IReadOnlyList<string> OfflineNodes) : ICompactText
{
    public string ToCompactText()
    {
        var text = CompactRows.Header(Total, Resources.Count, Truncated, OfflineNodes, "type id name node status cpu% mem_mib(used/max) disk_gib(used/max) tags");
        foreach (var resource in Resources)
        {
            var id = resource.Vmid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? resource.Id[(resource.Id.LastIndexOf('/') + 1)..];
            text.Append(CompactRows.Cell(resource.Type)).Append(' ').Append(CompactRows.Cell(id)).Append(' ').Append(CompactRows.Cell(resource.Name))
                .Append(' ').Append(CompactRows.Cell(resource.Node)).Append(' ').Append(CompactRows.Cell(resource.Status))
                .Append(' ').Append(CompactRows.Number(resource.CpuPercent)).Append(' ').Append(CompactRows.Pair(resource.MemoryUsedMib, resource.MemoryMaxMib))
                .Append(' ').Append(CompactRows.Pair(resource.DiskUsedGib, resource.DiskMaxGib)).Append(' ').Append(CompactRows.Tags(resource.Tags)).Append('\n');
        }
        return text.ToString().TrimEnd('\n');
    }
}
