using System.Diagnostics;
namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>The README's install path: pack the .NET tool, install it, run `proxmox-mcp` against the sandbox.</summary>
public sealed class ToolPackageTests
{
    [Fact]
    public async Task The_packed_tool_installs_and_runs()
    {
        var work = Directory.CreateTempSubdirectory("proxmox-mcp-tool");
        try
        {
            var sources = Path.Combine(work.FullName, "source");
            Directory.CreateDirectory(sources);
            SourceCopy.Make(sources);
            var packages = Path.Combine(work.FullName, "nupkg");
            var tools = Path.Combine(work.FullName, "tools");
            await RunAsync(BuiltProgram.DotnetHost, "pack", Path.Combine(sources, "src", "ProxmoxMcp"), "-o", packages, "-nologo");
            // A private package cache, so an earlier ProxmoxMcp 0.1.0 in the user's cache cannot stand in for this build.
            await RunAsync(BuiltProgram.DotnetHost, new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work.FullName, "nuget-cache") },
                "tool", "install", "--tool-path", tools, "ProxmoxMcp", "--add-source", packages);

            var output = await RunAsync(Path.Combine(tools, OperatingSystem.IsWindows() ? "proxmox-mcp.exe" : "proxmox-mcp"), "--sandbox", "call", "list_nodes");

            output.ShouldContain("node=pve1 status=online");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static Task<string> RunAsync(string program, params string[] arguments) => RunAsync(program, new Dictionary<string, string>(), arguments);

    private static async Task<string> RunAsync(string program, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["PROXMOX_ENV_FILE"] = "/dev/null";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        process.ExitCode.ShouldBe(0, $"{program} {string.Join(' ', arguments)}\n{await output}\n{await error}");
        return await output;
    }
}
