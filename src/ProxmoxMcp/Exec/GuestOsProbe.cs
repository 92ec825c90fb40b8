using System.Globalization;
using ProxmoxMcp.Api;

namespace ProxmoxMcp.Exec;

/// <summary>
/// Asks a VM's guest agent which OS it runs (get-osinfo), because the in-guest time limit depends on
/// it: the command is wrapped in <c>timeout</c>, which Linux and FreeBSD have. Where no limit can be
/// enforced (Windows, an OS the agent does not name), the command is refused with the reason rather
/// than run without one. The VM's ostype option is not consulted: anyone who can change the VM's
/// options can set it to anything.
/// </summary>
public sealed class GuestOsProbe(IProxmoxApi api)
{
    private static readonly string[] KernelsWithTimeout = ["Linux", "FreeBSD"];

    public async Task RequireTimeLimitAsync(string node, int vmid, CancellationToken cancellationToken)
    {
        System.Text.Json.JsonElement answer;
        try
        {
            answer = await api.GetAsync(ApiPath.Build("nodes", node, "qemu", vmid, "agent", "get-osinfo"), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ProxmoxApiException exception) when (exception.StatusCode == 500)
        {
            throw new ExecFailedException(AgentExecRunner.Explain(vmid, exception.ServerMessage, "get-osinfo"));
        }
        var info = answer.ValueKind == System.Text.Json.JsonValueKind.Object && answer.TryGetProperty("result", out var result) ? result : answer;
        var kernel = info.String("kernel-name");
        var id = info.String("id");
        if (kernel is not null && KernelsWithTimeout.Contains(kernel, StringComparer.Ordinal) && id != "mswindows")
        {
            return;
        }
        var what = info.String("pretty-name") ?? info.String("name") ?? kernel ?? "an OS its guest agent does not name";
        throw new ExecFailedException($"VM {vmid} runs {what}: no time limit can be enforced inside it (the command would be wrapped in `timeout`, which only Linux and FreeBSD guests have), so nothing was run.");
    }

    /// <summary>The command wrapped in <c>timeout -k 5 SECONDS</c>: ended at the limit, killed 5 s later if it ignores the signal.</summary>
    public static IReadOnlyList<string> WithTimeLimit(IReadOnlyList<string> command, TimeSpan timeout)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        return ["timeout", "-k", "5", seconds.ToString(CultureInfo.InvariantCulture), .. command];
    }
}
