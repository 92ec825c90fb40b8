namespace ProxmoxMcp.Tests.Hardening;

/// <summary>
/// The hardening suites' figures (inputs tried, faults injected, requests under load, secrets found),
/// one line each in a file .ci/run prints after the tests, so every CI log shows them.
/// </summary>
internal static class HardeningCounts
{
    public static string FilePath => Path.Combine(Path.GetTempPath(), "proxmox-mcp-hardening-counts.txt");

    private static readonly Lock FileLock = new();

    public static void Report(string line)
    {
        lock (FileLock)
        {
            File.AppendAllText(FilePath, $"{DateTimeOffset.UtcNow:HH:mm:ss} {line}\n");
        }
    }
}
