using System.Globalization;
using System.Text.Json;
using ProxmoxMcp.Api;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Safety.Policy.Requirements;
using ProxmoxMcp.Safety.Preview;
using ProxmoxMcp.Tasks;
using ProxmoxMcp.Tools;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Safety.Snapshots;

/// <summary>
/// PROXMOX_SNAPSHOT_BEFORE: before a configuration change, a disk growth or a command in a guest, the server
/// snapshots the guest, follows the snapshot's task to its end, and only then makes the change; a snapshot that
/// cannot be taken (storage without snapshots, the guest's share of safety snapshots used up, a failed task)
/// stops the change, unless best-effort allows going on where the storage cannot take one. The server never
/// removes a snapshot and never rolls back: the result names the command a human runs for that.
/// </summary>
public sealed class SafetySnapshots(IProxmoxApi api, TaskTracker tracker, DestructivePolicy policy, ProxmoxOptions options, TimeProvider time)
{
    /// <summary>The names of the server's safety snapshots start with this (Proxmox snapshot names allow letters, digits and '_').</summary>
    public const string Prefix = "mcp_";

    /// <summary>The name of a safety snapshot of this tool taken at this time: mcp_TOOL_yyyyMMdd_HHmmss (at most 40 characters).</summary>
    public static string Name(string tool, DateTimeOffset at) => $"{Prefix}{tool}_{at.UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture)}";

    /// <summary>Whether two names are safety snapshots of the same tool, whenever each was taken (a preview's and its real call's).</summary>
    public static bool SameSeries(string a, string b) =>
        a.Length == b.Length && a.Length > Prefix.Length + 16 && a.StartsWith(Prefix, StringComparison.Ordinal)
        && string.Equals(a[..^15], b[..^15], StringComparison.Ordinal) && IsTime(a[^15..]) && IsTime(b[^15..]);

    private static bool IsTime(string text) =>
        DateTime.TryParseExact(text, "yyyyMMdd_HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>
    /// Takes the snapshot when PROXMOX_SNAPSHOT_BEFORE names this kind of change, and returns it once its task has
    /// ended well; null when the settings ask for none. Throws <see cref="ToolInputException"/>, with nothing changed,
    /// when it cannot be taken.
    /// </summary>
    /// <param name="trigger">The kind of change.</param>
    /// <param name="tool">The tool making it.</param>
    /// <param name="guest">The guest.</param>
    /// <param name="config">Its configuration as the tool read it; read here when null.</param>
    /// <param name="about">What the change is, for the snapshot's description.</param>
    /// <param name="cancellationToken">The call's cancellation.</param>
    public async Task<SafetySnapshot?> TakeAsync(SnapshotTrigger trigger, string tool, GuestInfo guest, JsonElement? config, string about, CancellationToken cancellationToken)
    {
        var rules = options.Snapshots;
        if (!rules.Before.Contains(trigger))
        {
            return null;
        }
        var setting = $"PROXMOX_SNAPSHOT_BEFORE={rules}";
        var label = $"{guest.Label} ({guest.Name})";
        var current = config ?? await api.GetAsync(ConfigPath(guest), cancellationToken: cancellationToken).ConfigureAwait(false);
        var storages = await api.GetAsync("/storage", cancellationToken: cancellationToken).ConfigureAwait(false);
        var problem = SpaceCheck.Disks(current).Select(d => SnapshotSupport.Problem(d.Key, current.String(d.Key) ?? string.Empty, storages, guest.Kind == GuestKind.Container))
            .FirstOrDefault(p => p is not null);
        if (problem is not null)
        {
            return rules.BestEffort
                ? new SafetySnapshot(null, null, $"no safety snapshot: {problem} ({setting})")
                : throw new ToolInputException($"{tool} refused: {setting} asks for a safety snapshot of {label} first, but {problem}. Nothing was changed. " +
                    "A human can add best-effort to PROXMOX_SNAPSHOT_BEFORE to make such changes without one.");
        }

        var snapshotPath = ApiPath.Build("nodes", guest.Node, guest.ApiKind, guest.Vmid, "snapshot");
        var existing = (await api.GetAsync(snapshotPath, cancellationToken: cancellationToken).ConfigureAwait(false)).Items()
            .Select(s => s.String("name")).OfType<string>().ToList();
        var ours = existing.Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var command = guest.Kind == GuestKind.Vm ? "qm" : "pct";
        if (ours.Count >= rules.Keep)
        {
            throw new ToolInputException($"{tool} refused: {label} already holds {ours.Count} safety snapshots ({string.Join(", ", ours)}), the most PROXMOX_SNAPSHOT_KEEP={rules.Keep} allows, so none can be taken first. Nothing was changed. " +
                $"A human removes old ones (on node {guest.Node}: {command} delsnapshot {guest.Vmid} NAME, or in the Proxmox UI); this server never removes any.");
        }
        var name = Name(tool, time.GetUtcNow());
        if (existing.Contains(name, StringComparer.Ordinal))
        {
            throw new ToolInputException($"{tool} refused: the safety snapshot {name} of {label} was taken this very second by another call. Nothing was changed; retry in a moment.");
        }

        var parameters = new ProxmoxParameters().Add("snapname", name).Add("description", $"Safety snapshot taken by proxmox-mcp before {tool}: {about}.");
        var decision = await policy.EvaluateAsync("POST", snapshotPath, parameters, cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            throw new ToolInputException($"{tool} refused: {setting} asks for a safety snapshot first, and the safety policy refuses it: {decision.Reason} Nothing was changed.");
        }
        var upid = (await api.PostAsync(snapshotPath, parameters, cancellationToken).ConfigureAwait(false)).GetString()
            ?? throw new ToolInputException($"Proxmox accepted the safety snapshot of {label} but returned no task id; nothing else was changed.");
        var outcome = await tracker.WaitAsync(upid, TaskTracker.MaxWait, ToolProgress.None, $"safety snapshot {label}", cancellationToken).ConfigureAwait(false);
        if (!outcome.Finished)
        {
            throw new ToolInputException($"The safety snapshot {name} of {label} is still being taken after {outcome.WaitedSeconds.ToString(CultureInfo.InvariantCulture)} s, so {tool} changed nothing; follow task {upid} with task_status and retry once it has ended.");
        }
        if (!outcome.Succeeded)
        {
            throw new ToolInputException($"{tool} changed nothing: {TaskFailure.Describe($"the safety snapshot {name} of {label}", outcome)}");
        }
        return new SafetySnapshot(name, $"{command} rollback {guest.Vmid} {name} (on node {guest.Node}, by a human: it discards everything since)", null);
    }

    /// <summary>
    /// A snapshot is written into the guest's configuration file, which changes its digest: the digest a change
    /// sent after the snapshot must carry, once it is clear that nothing but the snapshot changed the configuration
    /// since the tool read it (otherwise the change is refused, and the snapshot stays).
    /// </summary>
    public async Task<string> DigestAfterAsync(GuestInfo guest, JsonElement before, SafetySnapshot snapshot, CancellationToken cancellationToken)
    {
        var after = await api.GetAsync(ConfigPath(guest), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!SameSettings(before, after))
        {
            throw new ToolInputException($"The configuration of {guest.Label} ({guest.Name}) changed while the safety snapshot {snapshot.Name} was taken, so the change was not applied; read it again and retry. The snapshot stays.");
        }
        // A preview's stand-in snapshot changed nothing: the digest the real call sends is known only once it runs.
        return PreviewLog.Current is null ? after.String("digest") ?? string.Empty : PreviewAnswers.UnknownDigest;
    }

    /// <summary>Every setting the same, whatever the digest and the snapshot bookkeeping (parent, lock) say.</summary>
    private static bool SameSettings(JsonElement before, JsonElement after)
    {
        static Dictionary<string, string> Settings(JsonElement config) => config.ValueKind != JsonValueKind.Object
            ? []
            : config.EnumerateObject().Where(p => p.Name is not ("digest" or "parent" or "lock")).ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
        var a = Settings(before);
        var b = Settings(after);
        return a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var value) && value == p.Value);
    }

    private static string ConfigPath(GuestInfo guest) => ApiPath.Build("nodes", guest.Node, guest.ApiKind, guest.Vmid, "config");
}
