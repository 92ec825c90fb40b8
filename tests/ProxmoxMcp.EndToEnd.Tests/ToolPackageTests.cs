using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using ModelContextProtocol.Client;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// The README's install paths from a fresh copy of the sources: pack; the package is an MCP server
/// package (McpServer and DotnetTool types, .mcp/server.json, the README with its mcp-name line); install
/// it into an empty tool path and run `proxmox-mcp doctor --sandbox`; and `dnx` with the local folder as a
/// source runs the server, whose tools an MCP client lists. One pack for all, since packing takes a while.
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public async Task The_packed_MCP_server_installs_runs_and_starts_under_dnx()
    {
        using var workspace = new PackageWorkspace("proxmox-mcp-tool");
        await RunAsync(BuiltProgram.DotnetHost, "pack", workspace.Project, "-o", workspace.Packages, "-nologo");

        // The top-level package (RID-specific packages, when a build makes them, sit beside it as ProxmoxMcp.RID.VERSION.nupkg).
        var package = Path.Combine(workspace.Packages, $"ProxmoxMcp.{ProxmoxMcp.Hosting.McpServerFactory.Version}.nupkg");
        File.Exists(package).ShouldBeTrue($"pack made {string.Join(", ", Directory.GetFiles(workspace.Packages).Select(Path.GetFileName))}");
        CheckPackage(package);

        var command = await workspace.InstallAsync();
        (await RunAsync(command, "--sandbox", "call", "list_nodes")).ShouldContain("node=pve1 status=online");
        var doctor = await RunAsync(command, "doctor", "--sandbox");
        doctor.ShouldContain("ok    API reachable: Proxmox VE");
        doctor.ShouldNotContain("FAIL");

        await ListToolsUnderDnxAsync(workspace.Packages, workspace.Cache);
    }

    /// <summary>
    /// The release packages (README, "Install"), built for this platform only: the top-level MCP server package,
    /// a self-contained composite ReadyToRun package for this platform and the portable fallback; a tool install
    /// from them runs this platform's package.
    /// </summary>
    [Fact]
    public async Task The_release_packages_for_this_platform_install_and_run_the_precompiled_one()
    {
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        TestEnvironment.Require(rid is "linux-x64" or "linux-arm64" or "osx-arm64" or "win-x64", $"a platform the release packages are built for (this one is {rid})");
        using var workspace = new PackageWorkspace("proxmox-mcp-release");
        await RunAsync(BuiltProgram.DotnetHost, "pack", workspace.Project, "-c", "Release", "-p:ReadyToRunTool=true", $"-p:ToolRids={rid}", "-o", workspace.Packages, "-nologo");

        var version = ProxmoxMcp.Hosting.McpServerFactory.Version;
        Directory.GetFiles(workspace.Packages).Select(Path.GetFileName).ShouldBe([$"ProxmoxMcp.{version}.nupkg", $"ProxmoxMcp.{rid}.{version}.nupkg", $"ProxmoxMcp.any.{version}.nupkg"], ignoreOrder: true);
        CheckPackage(Path.Combine(workspace.Packages, $"ProxmoxMcp.{version}.nupkg"));
        using (var platform = ZipFile.OpenRead(Path.Combine(workspace.Packages, $"ProxmoxMcp.{rid}.{version}.nupkg")))
        {
            platform.Entries.ShouldContain(e => e.Name == "proxmox-mcp.r2r.dll", "the platform package holds the composite image");
        }

        var command = await workspace.InstallAsync();
        Directory.GetFiles(Path.Combine(workspace.Tools, ".store"), "proxmox-mcp.r2r.dll", SearchOption.AllDirectories).ShouldNotBeEmpty("this platform's package was installed");
        (await RunAsync(command, "--sandbox", "call", "list_nodes")).ShouldContain("node=pve1 status=online");
    }

    /// <summary>
    /// A copy of the sources to pack, a folder for the packages, an empty tool path and a private package
    /// cache (so an earlier ProxmoxMcp of the same version in the user's cache cannot stand in for this build);
    /// all deleted at the end.
    /// </summary>
    private sealed class PackageWorkspace : IDisposable
    {
        private readonly DirectoryInfo _root;

        public PackageWorkspace(string name)
        {
            _root = Directory.CreateTempSubdirectory(name);
            var sources = Path.Combine(_root.FullName, "source");
            Directory.CreateDirectory(sources);
            SourceCopy.Make(sources);
            Project = Path.Combine(sources, "src", "ProxmoxMcp");
            Packages = Path.Combine(_root.FullName, "nupkg");
            Tools = Path.Combine(_root.FullName, "tools");
            Cache = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root.FullName, "nuget-cache") };
        }

        public string Project { get; }

        public string Packages { get; }

        public string Tools { get; }

        public Dictionary<string, string> Cache { get; }

        /// <summary>dotnet tool install from the packages into the tool path; returns the installed command.</summary>
        public async Task<string> InstallAsync()
        {
            await RunAsync(BuiltProgram.DotnetHost, Cache, "tool", "install", "--tool-path", Tools, "ProxmoxMcp", "--add-source", Packages);
            return Path.Combine(Tools, OperatingSystem.IsWindows() ? "proxmox-mcp.exe" : "proxmox-mcp");
        }

        public void Dispose() => _root.Delete(recursive: true);
    }

    /// <summary>The package types registries and NuGet.org look for, and the same server.json as the repository's.</summary>
    private static void CheckPackage(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        metadata.Element(ns + "packageTypes")!.Elements(ns + "packageType").Select(t => (string)t.Attribute("name")!).ShouldBe(["DotnetTool", "McpServer"], ignoreOrder: true);
        var version = (string)metadata.Element(ns + "version")!;
        var id = (string)metadata.Element(ns + "id")!;

        var entry = zip.GetEntry(".mcp/server.json").ShouldNotBeNull(".mcp/server.json is packed");
        string packed;
        using (var reader = new StreamReader(entry.Open()))
        {
            packed = reader.ReadToEnd();
        }
        packed.ShouldBe(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "src", "ProxmoxMcp", ".mcp", "server.json")));
        using var server = JsonDocument.Parse(packed);
        server.RootElement.GetProperty("version").GetString().ShouldBe(version);
        var entryPackage = server.RootElement.GetProperty("packages")[0];
        entryPackage.GetProperty("identifier").GetString().ShouldBe(id);
        entryPackage.GetProperty("version").GetString().ShouldBe(version);

        var readme = zip.GetEntry("README.md").ShouldNotBeNull("the README is packed: NuGet.org shows it, and registries read its mcp-name line");
        using var readmeReader = new StreamReader(readme.Open());
        readmeReader.ReadToEnd().ShouldContain($"mcp-name: {server.RootElement.GetProperty("name").GetString()}");
    }

    /// <summary>`dnx ProxmoxMcp@VERSION --yes --add-source FOLDER -- --sandbox`, as an MCP client starts it from server.json.</summary>
    private static async Task ListToolsUnderDnxAsync(string packages, Dictionary<string, string> cache)
    {
        var dnx = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(DotnetPath()))!, OperatingSystem.IsWindows() ? "dnx.cmd" : "dnx");
        var (command, prefix) = File.Exists(dnx) ? (dnx, Array.Empty<string>()) : (BuiltProgram.DotnetHost, new[] { "dnx" });
        var stderr = new List<string>();
        var environment = new Dictionary<string, string?>(cache.ToDictionary(p => p.Key, p => (string?)p.Value)) { ["PROXMOX_ENV_FILE"] = BuiltProgram.EmptyEnvFilePath };
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "proxmox-dnx",
            Command = command,
            Arguments = [.. prefix, $"ProxmoxMcp@{ProxmoxMcp.Hosting.McpServerFactory.Version}", "--yes", "--add-source", packages, "--", "--sandbox"],
            WorkingDirectory = Path.GetTempPath(),
            EnvironmentVariables = environment,
            StandardErrorLines = line => { lock (stderr) { stderr.Add(line); } },
        });

        await using var client = await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken);
        var listed = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        listed.Select(t => t.Name).ShouldContain("list_nodes");
        listed.Count.ShouldBe(ProxmoxMcp.Hosting.ToolCatalog.Exposed(new ProxmoxMcp.Configuration.ProxmoxOptions { Host = "h", User = "u@pve" }).Count);
        var result = await client.CallToolAsync("list_nodes", cancellationToken: TestContext.Current.CancellationToken);
        result.IsError.ShouldNotBe(true);
    }

    /// <summary>The dotnet executable itself (DOTNET_HOST_PATH, or the first on PATH), beside which the SDK puts dnx.</summary>
    private static string DotnetPath()
    {
        if (Path.IsPathRooted(BuiltProgram.DotnetHost))
        {
            return BuiltProgram.DotnetHost;
        }
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "dotnet");
            if (File.Exists(candidate))
            {
                return new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            }
        }
        return "dotnet";
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
