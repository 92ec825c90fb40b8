using System.ComponentModel.DataAnnotations;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>
/// Tier A: what an administrator checks, in few tools. cluster_health answers "is anything wrong?" in
/// one call; node_diagnostics, cluster_overview and guest_details each read one aspect at a time, so
/// the tool list stays small while the reach is wide. Every answer is bounded.
/// </summary>
public sealed partial class DiagnosticsTools(IProxmoxApi api, GuestLocator locator, TimeProvider time)
{
    /// <summary>Findings listed per check; the rest are counted in one more finding.</summary>
    private const int FindingsPerCheck = 10;

    /// <summary>
    /// Is anything wrong? Checks nodes, quorum, storage over 85%, failed tasks, missing backups, HA, Ceph, expiring certificates, updates, silent guest agents. Start here.
    /// </summary>
    /// <param name="backupDays">Backup age that counts as missing, days.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("cluster_health", ToolTier.Read)]
    public async Task<HealthReport> ClusterHealth([Range(1, 365)] int backupDays = 7, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var snapshotTask = ClusterSnapshot.ReadAsync(api, cancellationToken);
        var statusTask = api.GetAsync("/cluster/status", cancellationToken: cancellationToken);
        var snapshot = await snapshotTask.ConfigureAwait(false);
        var status = await statusTask.ConfigureAwait(false);
        var online = snapshot.Nodes.Where(n => n.Online).Select(n => n.Name).ToList();

        var checks = new List<Task<CheckResult>>
        {
            Check("nodes", () => NodesCheck(snapshot, status)),
            Check("quorum", () => QuorumCheck(status)),
            Check("storage", () => StorageCheckAsync(snapshot, cancellationToken)),
            Check("tasks", () => TasksCheckAsync(now, cancellationToken)),
            Check("backups", () => BackupsCheckAsync(snapshot, now, backupDays, cancellationToken)),
            Check("ha", () => HaCheckAsync(cancellationToken)),
            Check("ceph", () => CephCheckAsync(cancellationToken)),
            Check("certificates", () => CertificatesCheckAsync(online, now, cancellationToken)),
            Check("updates", () => UpdatesCheckAsync(online, cancellationToken)),
            Check("guest_agents", () => GuestAgentsCheckAsync(snapshot, cancellationToken)),
        };
        var results = await Task.WhenAll(checks).ConfigureAwait(false);

        var all = results.SelectMany(r => r.All).ToList();
        var critical = all.Count(f => f.Severity == FindingSeverity.Critical);
        var warnings = all.Count(f => f.Severity == FindingSeverity.Warning);
        var info = all.Count(f => f.Severity == FindingSeverity.Info);
        var listed = results.SelectMany(r => r.Listed).OrderBy(f => f.Severity).ToList();
        return new HealthReport(critical == 0 && warnings == 0, critical, warnings, info, listed, results.Select(r => r.Check).ToList(), now);
    }

    /// <summary>Runs one check; a read that fails makes that check "failed" with the reason, never the whole call.</summary>
    private static async Task<CheckResult> Check(string name, Func<Task<(List<HealthFinding> Findings, string? Note)>> run)
    {
        try
        {
            var (findings, note) = await run().ConfigureAwait(false);
            return new CheckResult(new HealthCheck(name, findings.Count == 0 ? CheckOutcome.Ok : CheckOutcome.Problems, findings.Count, note), findings, Bounded(name, findings));
        }
        catch (SkippedCheckException skipped)
        {
            return new CheckResult(new HealthCheck(name, CheckOutcome.Skipped, 0, skipped.Message), [], []);
        }
        catch (ProxmoxApiException exception)
        {
            return new CheckResult(new HealthCheck(name, CheckOutcome.Failed, 0, exception.Message), [], []);
        }
    }

    private static Task<CheckResult> Check(string name, Func<(List<HealthFinding> Findings, string? Note)> run) =>
        Check(name, () => Task.FromResult(run()));

    /// <summary>The first findings of a check, most severe first, then one that counts the rest.</summary>
    private static List<HealthFinding> Bounded(string check, List<HealthFinding> findings)
    {
        if (findings.Count <= FindingsPerCheck)
        {
            return findings;
        }
        var ordered = findings.OrderBy(f => f.Severity).ToList();
        var rest = ordered.Skip(FindingsPerCheck).ToList();
        var shown = ordered.Take(FindingsPerCheck).ToList();
        shown.Add(new HealthFinding(rest.Min(f => f.Severity), check, $"{rest.Count} more", $"{rest.Count} more {check} findings like those above", rest[0].Next));
        return shown;
    }

    /// <summary>One check's outcome, every finding (for the counts) and those listed.</summary>
    private sealed record CheckResult(HealthCheck Check, IReadOnlyList<HealthFinding> All, IReadOnlyList<HealthFinding> Listed);

    /// <summary>A check that does not apply to this cluster (no Ceph, no cluster); the message says why.</summary>
    private sealed class SkippedCheckException(string message) : Exception(message);
}
