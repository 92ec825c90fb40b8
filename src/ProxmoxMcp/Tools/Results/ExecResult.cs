using System.Globalization;
using System.Text;

namespace ProxmoxMcp.Tools.Results;

/// <summary>What a command did inside a guest.</summary>
/// <param name="Vmid">The guest id.</param>
/// <param name="Type">vm or container.</param>
/// <param name="Node">The node the guest runs on.</param>
/// <param name="Via">qemu-guest-agent, qm-guest-exec-over-ssh or pct-exec-over-ssh.</param>
/// <param name="Command">The argument array that was run.</param>
/// <param name="ExitCode">The exit code; absent when the timeout ended it.</param>
/// <param name="TimedOut">True when the command was ended by the timeout.</param>
/// <param name="Stdout">Standard output (up to the cap).</param>
/// <param name="StdoutTruncated">True when standard output was cut at the cap.</param>
/// <param name="Stderr">Standard error (up to the cap).</param>
/// <param name="StderrTruncated">True when standard error was cut at the cap.</param>
/// <param name="DurationSeconds">How long it ran.</param>
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
    double DurationSeconds) : ICompactText
{
    /// <summary>The output as it came, not escaped onto one line: that is what the agent needs to read.</summary>
    public string ToCompactText()
    {
        var text = new StringBuilder();
        text.Append(TimedOut ? "timed out" : $"exit {ExitCode?.ToString(CultureInfo.InvariantCulture)}")
            .Append(" after ").Append(DurationSeconds.ToString("0.##", CultureInfo.InvariantCulture)).Append(" s (").Append(Type == GuestKind.Vm ? "VM " : "container ")
            .Append(Vmid.ToString(CultureInfo.InvariantCulture)).Append(" on ").Append(Node).Append(", ").Append(Via).Append(')');
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
