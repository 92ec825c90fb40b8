using System.Diagnostics;
using System.Globalization;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// Where start-up time goes, for the performance work: with PROXMOX_MCP_TRACE_STARTUP=1 each step
/// writes "startup +N ms step" to stderr, N counted from the process start (runtime start-up included).
/// Off by default; a mark then costs one static field read.
/// </summary>
public static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("PROXMOX_MCP_TRACE_STARTUP") == "1";
    private static readonly DateTime ProcessStart = Enabled ? Process.GetCurrentProcess().StartTime.ToUniversalTime() : default;

    public static void Mark(string step)
    {
        if (Enabled)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"startup +{(DateTime.UtcNow - ProcessStart).TotalMilliseconds:0.0} ms {step}"));
        }
    }
}
