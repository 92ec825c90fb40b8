using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using ProxmoxMcp.Api;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Exec;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>
/// Tier D': commands inside guests. Off unless PROXMOX_ENABLE_EXEC=true (the tools are then absent);
/// limited by PROXMOX_EXEC_ALLOW; every run recorded in the audit log. The command is an argument
/// array, or one string run explicitly with /bin/sh -c inside the guest; nothing is ever parsed by
/// a shell on this machine or on the Proxmox node.
/// </summary>
public sealed class GuestExecTools(GuestLocator locator, ProxmoxOptions options, ISshRunner ssh, AgentExecRunner agent, GuestOsProbe osProbe, ExecGuard guard, ExecAudit audit, Audit.ArgumentMasker masker,
    Safety.Snapshots.SafetySnapshots snapshots)
{
    private const int DefaultOutputBytes = 65_536;

    /// <summary>
    /// Run a command as root in a running VM through the guest agent. Returns exit code, stdout, stderr.
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="command">Program and arguments, unparsed by any shell.</param>
    /// <param name="shell">Instead of command: a /bin/sh -c line.</param>
    /// <param name="node">Its node.</param>
    /// <param name="timeoutSeconds">Time limit, seconds.</param>
    /// <param name="maxOutputBytes">Cap per output stream.</param>
    /// <param name="cancellationToken">Ends the command.</param>
    [ProxmoxTool("exec_in_vm", ToolTier.GuestExec)]
    public Task<ExecResult> ExecInVm(
        [Range(100, 999_999_999)] int vmid,
        [RegularExpression("^[^\\x00]{0,8192}$"), MaxLength(256)] IReadOnlyList<string>? command = null,
        [RegularExpression("^[^\\x00]{1,65536}$")] string? shell = null,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        [Range(1, 600)] int timeoutSeconds = 60,
        [Range(1024, 1_048_576)] int maxOutputBytes = DefaultOutputBytes,
        CancellationToken cancellationToken = default) =>
        ExecAsync("exec_in_vm", GuestKind.Vm, vmid, command, shell, node, timeoutSeconds, maxOutputBytes, cancellationToken);

    /// <summary>
    /// Run a command as root in a running container (pct exec over SSH). Returns exit code, stdout, stderr.
    /// </summary>
    /// <param name="vmid">The container id.</param>
    /// <param name="command">Program and arguments, unparsed by any shell.</param>
    /// <param name="shell">Instead of command: a /bin/sh -c line.</param>
    /// <param name="node">Its node.</param>
    /// <param name="timeoutSeconds">Time limit, seconds.</param>
    /// <param name="maxOutputBytes">Cap per output stream.</param>
    /// <param name="cancellationToken">Ends the command.</param>
    [ProxmoxTool("exec_in_container", ToolTier.GuestExec)]
    public Task<ExecResult> ExecInContainer(
        [Range(100, 999_999_999)] int vmid,
        [RegularExpression("^[^\\x00]{0,8192}$"), MaxLength(256)] IReadOnlyList<string>? command = null,
        [RegularExpression("^[^\\x00]{1,65536}$")] string? shell = null,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        [Range(1, 600)] int timeoutSeconds = 60,
        [Range(1024, 1_048_576)] int maxOutputBytes = DefaultOutputBytes,
        CancellationToken cancellationToken = default) =>
        ExecAsync("exec_in_container", GuestKind.Container, vmid, command, shell, node, timeoutSeconds, maxOutputBytes, cancellationToken);

    private async Task<ExecResult> ExecAsync(string tool, GuestKind kind, int vmid, IReadOnlyList<string>? command, string? shell, string? node, int timeoutSeconds, int maxOutputBytes, CancellationToken cancellationToken)
    {
        if (!options.EnableExec)
        {
            throw new ToolInputException($"{tool} is off: in-guest execution needs PROXMOX_ENABLE_EXEC=true.");
        }
        var argv = (command, shell) switch
        {
            ({ Count: > 0 }, null) => command,
            (null or { Count: 0 }, { } script) => ["/bin/sh", "-c", script],
            (null or { Count: 0 }, null) => throw new ToolInputException("Pass the command as 'command' (an argument array) or as 'shell' (a script line for /bin/sh -c)."),
            _ => throw new ToolInputException("Pass either 'command' or 'shell', not both."),
        };
        if (argv[0].Length == 0)
        {
            throw new ToolInputException("The first item of 'command' is the program to run; it may not be empty.");
        }

        var guest = await locator.LocateAsync(vmid, node, kind, cancellationToken).ConfigureAwait(false);
        guard.EnsureAllowed(guest);
        if (guest.Status != "running")
        {
            throw new ToolInputException($"{guest.Label} ({guest.Name}) is not running (status: {guest.Status}); start it with {(kind == GuestKind.Vm ? "start_vm" : "start_container")} first.");
        }

        var timeout = TimeSpan.FromSeconds(timeoutSeconds);
        var via = kind == GuestKind.Container ? "pct-exec-over-ssh" : options.ExecVia == ExecTransport.Ssh ? "qm-guest-exec-over-ssh" : "qemu-guest-agent";
        ExecOutcome outcome;
        SafetySnapshot? safety;
        try
        {
            if (kind == GuestKind.Vm)
            {
                // The limit is enforced inside the VM by `timeout`: the OS must be one that has it, as the
                // guest agent reports it (the writable ostype option could be set to anything).
                await osProbe.RequireTimeLimitAsync(guest.Node, vmid, cancellationToken).ConfigureAwait(false);
            }
            safety = await snapshots.TakeAsync(SnapshotTrigger.Exec, tool, guest, null, $"a command in the guest ({argv[0]})", cancellationToken).ConfigureAwait(false);
            if (via != "qemu-guest-agent" && Safety.Preview.PreviewLog.Current is { } preview)
            {
                // A preview records the command line the node would get; the guest agent's request is recorded under the API client.
                var target = Target(guest.Node);
                preview.Record(new Safety.Preview.PlannedCommand(guest.Node, $"{target.User}@{target.Host}:{target.Port}", via == "pct-exec-over-ssh" ? PctExecLine(vmid, argv) : QmGuestExecLine(vmid, argv, timeout)));
                throw new Safety.Preview.PreviewHaltedException("what follows depends on the command's output");
            }
            outcome = via switch
            {
                "qemu-guest-agent" => await agent.RunAsync(guest.Node, vmid, argv, timeout, maxOutputBytes, cancellationToken).ConfigureAwait(false),
                "qm-guest-exec-over-ssh" => await QmGuestExecAsync(guest, argv, timeout, maxOutputBytes, cancellationToken).ConfigureAwait(false),
                _ => await ssh.RunAsync(Target(guest.Node), PctExecLine(vmid, argv), timeout, maxOutputBytes, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (ExecFailedException exception)
        {
            audit.Record(tool, vmid, guest.Node, via, argv, null, false, TimeSpan.Zero, exception.Message);
            throw new ToolInputException(exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            audit.Record(tool, vmid, guest.Node, via, argv, null, false, TimeSpan.Zero, "cancelled by the client");
            throw;
        }
        audit.Record(tool, vmid, guest.Node, via, argv, outcome.ExitCode, outcome.TimedOut, outcome.Duration, null);
        // The server's own secrets never go back to the model, not even when a guest prints them.
        return new ExecResult(vmid, kind, guest.Node, via, argv.Select(masker.MaskText).ToList(), outcome.ExitCode, outcome.TimedOut, masker.MaskText(outcome.Stdout), outcome.StdoutTruncated,
            masker.MaskText(outcome.Stderr), outcome.StderrTruncated, Math.Round(outcome.Duration.TotalSeconds, 2), safety);
    }

    private static IReadOnlyList<string> PctExecLine(int vmid, IReadOnlyList<string> argv) =>
        ["pct", "exec", vmid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--", .. argv];

    private static IReadOnlyList<string> QmGuestExecLine(int vmid, IReadOnlyList<string> argv, TimeSpan timeout) =>
        ["qm", "guest", "exec", vmid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--", .. GuestOsProbe.WithTimeLimit(argv, timeout)];

    /// <summary>`qm guest exec` on the node prints the agent's answer as JSON.</summary>
    private async Task<ExecOutcome> QmGuestExecAsync(GuestInfo guest, IReadOnlyList<string> argv, TimeSpan timeout, int maxOutputBytes, CancellationToken cancellationToken)
    {
        var raw = await ssh.RunAsync(Target(guest.Node), QmGuestExecLine(guest.Vmid, argv, timeout),
            timeout + TimeSpan.FromSeconds(5), 4 * maxOutputBytes + 4096, cancellationToken).ConfigureAwait(false);
        if (raw.TimedOut)
        {
            return raw;
        }
        if (raw.ExitCode != 0)
        {
            throw new ExecFailedException($"qm guest exec on {guest.Node} failed (exit {raw.ExitCode}): {raw.Stderr.Trim()}");
        }
        JsonElement answer;
        try
        {
            using var document = JsonDocument.Parse(raw.Stdout);
            answer = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new ExecFailedException($"qm guest exec on {guest.Node} printed something other than JSON: {raw.Stdout[..Math.Min(200, raw.Stdout.Length)]}");
        }
        var stdout = new BoundedOutput(maxOutputBytes);
        var stderr = new BoundedOutput(maxOutputBytes);
        stdout.Append(answer.String("out-data") ?? string.Empty);
        stderr.Append(answer.String("err-data") ?? string.Empty);
        var exited = answer.Int64("exited") == 1;
        return new ExecOutcome(exited ? (int?)answer.Int64("exitcode") : null, !exited, stdout.ToString(), stdout.Truncated || answer.Boolean("out-truncated") == true,
            stderr.ToString(), stderr.Truncated || answer.Boolean("err-truncated") == true, raw.Duration);
    }

    private SshTarget Target(string node) => new(options.Ssh.HostFor(node, options.Host), options.Ssh.Port, options.Ssh.User);
}
