using System.Diagnostics;
using System.Globalization;
using ProxmoxMcp.Api;

namespace ProxmoxMcp.Exec;

/// <summary>
/// Runs a command in a VM through the QEMU guest agent API: agent/exec with the command as an
/// argument array (no shell), then agent/exec-status until it has exited. Needs no SSH. The agent
/// cannot kill a process, so the command is wrapped in `timeout` to make the time limit hold inside
/// the guest too; <see cref="GuestOsProbe"/> first makes sure the guest is one where that works.
/// </summary>
public sealed class AgentExecRunner(IProxmoxApi api)
{
    public async Task<ExecOutcome> RunAsync(string node, int vmid, IReadOnlyList<string> command, TimeSpan timeout, int maxOutputBytes, CancellationToken cancellationToken)
    {
        var argv = GuestOsProbe.WithTimeLimit(command, timeout);
        var basePath = ApiPath.Build("nodes", node, "qemu", vmid, "agent");
        var watch = Stopwatch.StartNew();
        System.Text.Json.JsonElement started;
        try
        {
            started = await api.PostAsync(basePath + "/exec", new ProxmoxParameters().AddEach("command", argv), cancellationToken).ConfigureAwait(false);
        }
        catch (ProxmoxApiException exception) when (exception.StatusCode == 500)
        {
            throw new ExecFailedException(Explain(vmid, exception.ServerMessage, command[0]));
        }
        var pid = started.Int64("pid") ?? throw new ExecFailedException($"The guest agent of VM {vmid} started the command but returned no pid.");

        var delay = TimeSpan.FromMilliseconds(100);
        var limit = timeout + TimeSpan.FromSeconds(7);
        while (true)
        {
            var status = await api.GetAsync(basePath + "/exec-status", new ProxmoxParameters().Add("pid", pid), cancellationToken).ConfigureAwait(false);
            if (status.Int64("exited") == 1)
            {
                watch.Stop();
                var stdout = new BoundedOutput(maxOutputBytes);
                var stderr = new BoundedOutput(maxOutputBytes);
                stdout.Append(status.String("out-data") ?? string.Empty);
                stderr.Append(status.String("err-data") ?? string.Empty);
                var exit = (int?)status.Int64("exitcode");
                var timedOut = exit is 124 or 137 && watch.Elapsed >= timeout;
                return new ExecOutcome(timedOut ? null : exit, timedOut, stdout.ToString(), stdout.Truncated || status.Boolean("out-truncated") == true,
                    stderr.ToString(), stderr.Truncated || status.Boolean("err-truncated") == true, watch.Elapsed);
            }
            if (watch.Elapsed >= limit)
            {
                return new ExecOutcome(null, true, string.Empty, false, string.Empty, false, watch.Elapsed);
            }
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }

    internal static string Explain(int vmid, string message, string program) => message switch
    {
        _ when message.Contains("No QEMU guest agent configured", StringComparison.Ordinal) =>
            $"VM {vmid} has no QEMU guest agent configured; install qemu-guest-agent in the VM and enable the agent option, or use PROXMOX_EXEC_VIA=ssh.",
        _ when message.Contains("guest agent is not running", StringComparison.OrdinalIgnoreCase) =>
            $"The QEMU guest agent of VM {vmid} is not running; start qemu-guest-agent inside the VM.",
        _ when message.Contains("No such file", StringComparison.Ordinal) || message.Contains("Failed to execute", StringComparison.Ordinal) =>
            $"VM {vmid} could not run '{program}': {message}. Give the full path, or use shell to run it through /bin/sh.",
        _ => $"VM {vmid}: {message}",
    };
}
