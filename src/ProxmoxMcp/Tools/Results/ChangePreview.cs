using System.Globalization;
using System.Text;

namespace ProxmoxMcp.Tools.Results;

/// <summary>What a change tool would do, found by running its own code without sending any change.</summary>
public sealed record ChangePreview(
    string Tool,
    PreviewOutcome Outcome,
    string Message,
    string? Confirmation,
    string? SafetySnapshot,
    IReadOnlyList<PreviewRequest> Requests,
    IReadOnlyList<PreviewCommand>? Commands,
    string? Then,
    string? Error,
    ConfigPreview? Config,
    NewGuestPreview? NewGuest,
    PowerPreview? Power,
    ExecPreview? Exec) : ICompactText
{
    /// <summary>The text a person reads, in the preview's answer and in the confirmation question alike.</summary>
    public string ToCompactText()
    {
        var text = new StringBuilder();
        Line(text, $"Preview of {Tool}: {Message}");
        if (Confirmation is not null)
        {
            Line(text, $"The real call asks the user to confirm first: {Confirmation}.");
        }
        if (SafetySnapshot is not null)
        {
            Line(text, $"Safety snapshot first: {SafetySnapshot}.");
        }
        if (Requests.Count > 0)
        {
            Line(text, "Requests:");
            for (var i = 0; i < Requests.Count; i++)
            {
                var request = Requests[i];
                var parameters = request.Parameters.Count == 0 ? string.Empty : " " + string.Join(' ', request.Parameters.Select(S));
                Line(text, $"  {i + 1}. {request.Method} {request.Path}{parameters} -> {(request.Allowed ? "allowed" + (request.Note is null ? string.Empty : $" ({request.Note})") : "refused: " + S(request.Refusal ?? string.Empty))}");
            }
        }
        foreach (var command in Commands ?? [])
        {
            Line(text, $"Runs on node {command.Node} over SSH ({command.Target}): {string.Join(' ', command.Argv.Select(Quote))}");
        }
        if (Config is { } config)
        {
            Line(text, $"Configuration of {config.Guest} (digest {config.Digest}):");
            foreach (var change in config.Changes)
            {
                Line(text, $"  {S(change.Key)}: {S(change.Before ?? "(unset)")}{(change.Pending is null ? string.Empty : $" (pending {S(change.Pending)})")} -> {S(change.After ?? string.Empty)}");
            }
            foreach (var pending in config.OtherPending)
            {
                Line(text, $"  {S(pending.Key)}: {S(pending.Before ?? "(unset)")} (pending {S(pending.Pending ?? "removal")}), unchanged by this call");
            }
            if (config.Changes.Count > 0)
            {
                Line(text, $"Pass digest={config.Digest} to the real call: it then applies only if nothing changed since.");
            }
        }
        if (NewGuest is { } guest)
        {
            Line(text, $"New {(guest.Type == GuestKind.Vm ? "VM" : "container")} {guest.Vmid} on node {guest.Node}: {string.Join(' ', guest.Config.Select(p => S($"{p.Key}={p.Value}")))}");
            foreach (var use in guest.Storage)
            {
                Line(text, $"  storage {use.Storage}: takes {Size(use.Bytes)}; free {Size(use.FreeBefore)} -> {Size(use.FreeAfter)}");
            }
        }
        if (Power is { } power)
        {
            var uptime = power.UptimeSeconds is > 0 and var seconds ? $", up {Duration(seconds)}" : string.Empty;
            var ha = power.HaManaged switch
            {
                true => $"; managed by HA (requested state {power.HaState ?? "?"})",
                false => "; not managed by HA",
                null => "; HA: unknown",
            };
            Line(text, $"{power.Guest} is {power.State}{uptime}{ha}.");
            Line(text, power.Effect);
        }
        if (Exec is { } exec)
        {
            Line(text, $"Runs in {exec.Guest} as {exec.User} via {exec.Via}, ended after {exec.TimeLimitSeconds} s: {string.Join(' ', exec.Argv.Select(Quote))}");
            Line(text, exec.Allowed ? "Exec is allowed for this guest." : $"Exec is not allowed for this guest: {exec.NotAllowedBecause}");
        }
        if (Then is not null)
        {
            Line(text, $"Then: {Then}.");
        }
        if (Error is not null)
        {
            Line(text, $"The real call would fail: {S(Error)}");
        }
        text.Append("Nothing was sent: this is a preview.");
        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    /// <summary>A value on one line and whole, as the person who confirms reads it.</summary>
    private static string S(string value) => Safety.ShownText.Of(value);

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c, StringComparison.Ordinal)) ? word : "'" + S(word.Replace("'", "'\\''", StringComparison.Ordinal)) + "'";

    private static string Size(long? bytes) => bytes is not { } b ? "unknown"
        : Math.Abs(b) >= 1L << 30 ? (b / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GiB"
        : (b / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB";

    private static string Duration(long seconds) =>
        seconds >= 86_400 ? $"{seconds / 86_400} d {seconds % 86_400 / 3600} h"
        : seconds >= 3600 ? $"{seconds / 3600} h {seconds % 3600 / 60} min"
        : $"{seconds / 60} min";
}
