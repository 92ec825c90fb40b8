using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ProxmoxMcp.Bench;

/// <summary>
/// The server as users run it: packed as the release packages are (self-contained composite ReadyToRun
/// for this platform, see src/ProxmoxMcp/ProxmoxMcp.csproj) and installed with dotnet tool install into
/// a tool path of its own; the trivial baseline program packed and installed the same way.
/// </summary>
internal sealed record ToolInstall(string Server, string Trivial)
{
    public static async Task<ToolInstall> PrepareAsync(string repository, string work, bool reuse)
    {
        var tools = Path.Combine(work, "tools");
        var install = new ToolInstall(Path.Combine(tools, Executable("proxmox-mcp")), Path.Combine(tools, Executable("proxmox-mcp-trivial")));
        if (reuse && File.Exists(install.Server) && File.Exists(install.Trivial))
        {
            Console.Error.WriteLine($"reusing the tools installed in {tools}");
            return install;
        }
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
        var packages = Path.Combine(work, "nupkg");
        var rid = RuntimeInformation.RuntimeIdentifier;
        Console.Error.WriteLine($"packing the server for {rid} (self-contained composite ReadyToRun; a few minutes) and the trivial baseline...");
        await RunAsync("dotnet", ["pack", Path.Combine(repository, "src", "ProxmoxMcp"), "-c", "Release", "-p:ReadyToRunTool=true", $"-p:ToolRids={rid}", "-o", packages, "-nologo"], null);
        await RunAsync("dotnet", ["pack", Path.Combine(repository, "bench", "ProxmoxMcp.Bench.Trivial"), "-c", "Release", "-o", packages, "-nologo"], null);
        // A private package folder, so an earlier build in the user's cache cannot stand in for this one.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "nuget") };
        await RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "ProxmoxMcp", "--add-source", packages], environment);
        await RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "ProxmoxMcp.Bench.Trivial", "--add-source", packages], environment);
        return install;
    }

    private static string Executable(string name) => OperatingSystem.IsWindows() ? name + ".exe" : name;

    private static async Task RunAsync(string program, string[] arguments, Dictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed:\n{await output}\n{await error}");
        }
    }
}
