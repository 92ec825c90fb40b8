using Xunit;

namespace ProxmoxMcp.TestSupport;

/// <summary>
/// Where the tests find what lives outside the repository, and what to do when it is missing:
/// skip on a developer's machine, fail under CI=true (a skipped test there hides missing set-up).
/// </summary>
public static class TestEnvironment
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The repository root: the directory holding ProxmoxMcp.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The official PVE API schema directory: PROXMOX_MCP_PVE_API_DIR, or ../shared/pve-api beside the repository.</summary>
    public static string PveApiDirectory =>
        Environment.GetEnvironmentVariable("PROXMOX_MCP_PVE_API_DIR") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "pve-api"));

    /// <summary>Skips (or, under CI, fails) when a prerequisite is missing.</summary>
    public static void Require(bool available, string what)
    {
        if (available)
        {
            return;
        }
        if (IsCi)
        {
            Assert.Fail($"{what} is required under CI=true but is missing.");
        }
        Assert.Skip($"{what} is not available on this machine.");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ProxmoxMcp.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("ProxmoxMcp.sln not found above " + AppContext.BaseDirectory);
    }
}
