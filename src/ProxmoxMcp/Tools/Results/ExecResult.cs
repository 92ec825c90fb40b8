using System.Globalization;
using System.Text;

namespace ProxmoxMcp.Tools.Results;

/// <summary>What a command did inside a guest.</summary>
public sealed record ExecResult(
    int Vmid,
    GuestKind Type,
    string Node,
    string Via,
    IReadOnlyList<string> Command,
    int? ExitCode,
    bool TimedOut,
    string Stdout,
    bool StdoutTruncated,
    string Stderr,
    bool StderrTruncated,
    double DurationSeconds,
    SafetySnapshot? SafetySnapshot = null) : ICompactText
{
    /// <summary>The output as it came, not escaped onto one line: that is what the agent needs to read.</summary>
    public string ToCompactText()
    {
        var text = new StringBuilder();
        text.Append(TimedOut ? "timed out" : $"exit {ExitCode?.ToString(CultureInfo.InvariantCulture)}")
            .Append(" after ").Append(DurationSeconds.ToString("0.##", CultureInfo.InvariantCulture)).Append(" s (").Append(Type == GuestKind.Vm ? "VM " : "container ")
            .Append(Vmid.ToString(CultureInfo.InvariantCulture)).Append(" on ").Append(Node).Append(", ").Append(Via).Append(')');
        if (SafetySnapshot is { } snapshot)
        {
            text.Append('\n').Append(SafetySnapshot.Describe(snapshot));
        }
        if (Stdout.Length > 0)
        {
            text.Append("\n--- stdout").Append(StdoutTruncated ? " (truncated)" : string.Empty).Append(" ---\n").Append(Stdout.TrimEnd('\n'));
        }
        if (Stderr.Length > 0)
        {
            text.Append("\n--- stderr").Append(StderrTruncated ? " (truncated)" : string.Empty).Append(" ---\n").Append(Stderr.TrimEnd('\n'));
        }
        return text.ToString();
    }
}
