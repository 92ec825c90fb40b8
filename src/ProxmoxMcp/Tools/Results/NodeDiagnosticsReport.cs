using System.Text;
using System.Text.Json;

namespace ProxmoxMcp.Tools.Results;

/// <summary>One aspect of one node; only that aspect's members are present.</summary>
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
