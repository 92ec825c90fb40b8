namespace ProxmoxMcp.Tools.Results;

/// <summary>Guests matching the filters.</summary>
public sealed record GuestList(IReadOnlyList<GuestSummary> Guests, int Total, bool Truncated, IReadOnlyList<string> OfflineNodes) : ICompactText
{
    public string ToCompactText()
    {
        var text = CompactRows.Header(Total, Guests.Count, Truncated, OfflineNodes, "vmid name type node status cpu% cores mem_mib(used/max) disk_gib uptime tags");
        foreach (var guest in Guests)
        {
            text.Append(guest.Vmid).Append(' ').Append(CompactRows.Cell(guest.Name)).Append(' ').Append(guest.Type == GuestKind.Vm ? "vm" : "ct")
                .Append(' ').Append(CompactRows.Cell(guest.Node)).Append(' ').Append(guest.Template ? "template" : CompactRows.Cell(guest.Status))
                .Append(' ').Append(CompactRows.Number(guest.CpuPercent)).Append(' ').Append(CompactRows.Number(guest.Cores))
                .Append(' ').Append(CompactRows.Pair(guest.MemoryUsedMib, guest.MemoryMaxMib)).Append(' ').Append(CompactRows.Number(guest.DiskGib))
                .Append(' ').Append(CompactRows.Duration(guest.UptimeSeconds)).Append(' ').Append(CompactRows.Tags(guest.Tags));
            if (guest.Lock is { } held)
            {
                text.Append(" lock=").Append(CompactRows.Cell(held));
            }
            text.Append('\n');
        }
        return text.ToString().TrimEnd('\n');
    }
}
