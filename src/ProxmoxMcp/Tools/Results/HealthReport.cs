using System.Globalization;
using System.Text;

namespace ProxmoxMcp.Tools.Results;

/// <summary>The answer to "is anything wrong with the cluster?".</summary>
public sealed record HealthReport(bool Healthy, int Critical, int Warnings, int Info, IReadOnlyList<HealthFinding> Findings, IReadOnlyList<HealthCheck> Checks, DateTimeOffset CheckedAt)
    : ICompactText
{
    public string ToCompactText()
    {
        var text = new StringBuilder();
        text.Append(Healthy ? "healthy" : "problems").Append(": ")
            .Append(string.Create(CultureInfo.InvariantCulture, $"{Critical} critical, {Warnings} warning, {Info} info"));
        foreach (var finding in Findings)
        {
            text.Append('\n').Append(finding.Severity.ToString().ToLowerInvariant()).Append(' ').Append(finding.Subject).Append(": ")
                .Append(finding.Message).Append(" -> ").Append(finding.Next);
        }
        text.Append("\nchecks: ").Append(string.Join(", ", Checks.Select(c => c.Name + " " + c.Outcome switch
        {
            CheckOutcome.Ok => "ok",
            CheckOutcome.Problems => c.Findings.ToString(CultureInfo.InvariantCulture),
            CheckOutcome.Skipped => "skipped" + (c.Note is null ? string.Empty : $" ({c.Note})"),
            _ => "failed" + (c.Note is null ? string.Empty : $" ({c.Note})"),
        })));
        return text.ToString();
    }
}
