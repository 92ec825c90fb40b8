using System.Text;
using System.Text.Json;

namespace ProxmoxMcp.Tools.Results;

/// <summary>One aspect of one node; only that aspect's members are present.</summary>
/// <param name="Node">The node.</param>
/// <param name="Aspect">What was read.</param>
/// <param name="Total">How many lines or items there were before the limit.</param>
/// <param name="Truncated">True when the limit cut the list.</param>
/// <param name="Hint">How to see more, or what the answer leaves out.</param>
/// <param name="Lines">Journal lines, oldest first (the newest ones when cut).</param>
/// <param name="Updates">Proxmox packages with a newer version available.</param>
/// <param name="Disks">Physical disks with SMART health and wear.</param>
/// <param name="ZfsPools">ZFS pools and their state.</param>
/// <param name="Interfaces">Network interfaces, bridges and bonds.</param>
/// <param name="Services">System services.</param>
/// <param name="Certificates">TLS certificates.</param>
/// <param name="Subscription">The subscription.</param>
public sealed record NodeDiagnosticsReport(
    string Node,
    NodeAspect Aspect,
    int Total,
    bool Truncated,
    string? Hint = null,
    IReadOnlyList<string>? Lines = null,
    IReadOnlyList<PackageUpdate>? Updates = null,
    IReadOnlyList<DiskReport>? Disks = null,
    IReadOnlyList<ZfsPoolReport>? ZfsPools = null,
    IReadOnlyList<HostInterface>? Interfaces = null,
    IReadOnlyList<ServiceReport>? Services = null,
    IReadOnlyList<CertificateReport>? Certificates = null,
    SubscriptionReport? Subscription = null) : ICompactText
{
    /// <summary>Journal lines as they are, one per line: escaping them onto one line would make them unreadable.</summary>
    public string ToCompactText()
    {
        var rest = CompactText.Render(JsonSerializer.SerializeToElement(this with { Lines = null }, ToolJson.Options));
        if (Lines is null)
        {
            return rest;
        }
        var text = new StringBuilder(rest);
        foreach (var line in Lines)
        {
            text.Append('\n').Append(line);
        }
        return text.ToString();
    }
}
