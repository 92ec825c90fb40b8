using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// A copy of what builds and packs the server (props, lock, README, src, generators, analyzers; no bin or obj), so a
/// test can build or pack without touching the working tree that is being tested.
/// </summary>
internal static class SourceCopy
{
    public static void Make(string destination)
    {
        var root = TestEnvironment.RepositoryRoot;
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "tools.lock.json", ".editorconfig", "README.md" })
        {
            File.Copy(Path.Combine(root, file), Path.Combine(destination, file));
        }
        foreach (var folder in new[] { "src", "generators", "analyzers" })
        {
            CopyTree(new DirectoryInfo(Path.Combine(root, folder)), Path.Combine(destination, folder));
        }
    }

    private static void CopyTree(DirectoryInfo source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in source.GetFiles())
        {
            file.CopyTo(Path.Combine(destination, file.Name));
        }
        foreach (var directory in source.GetDirectories().Where(d => d.Name is not ("bin" or "obj")))
        {
            CopyTree(directory, Path.Combine(destination, directory.Name));
        }
    }
}
