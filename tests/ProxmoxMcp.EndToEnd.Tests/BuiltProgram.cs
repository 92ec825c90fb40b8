using System.Diagnostics;
using ModelContextProtocol.Client;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>The built server, started the way an MCP client starts it: `dotnet proxmox-mcp.dll ...`.</summary>
internal static class BuiltProgram
{
    /// <summary>proxmox-mcp.dll as built next to this test assembly (the project reference copies it).</summary>
    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "proxmox-mcp.dll");

    public static string DotnetHost => System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Runs the program to completion with only the given environment (plus what dotnet needs).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(ServerDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PROXMOX_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// The program as an MCP client starts it over stdio (`dotnet proxmox-mcp.dll ARGUMENTS` in the temp directory), with the
    /// given environment on top of this process's; its stderr lines are collected into <paramref name="stderr"/> when one is given.
    /// </summary>
    public static StdioClientTransport Stdio(string[] arguments, IReadOnlyDictionary<string, string>? environment = null, List<string>? stderr = null) =>
        new(new StdioClientTransportOptions
        {
            Name = "proxmox",
            Command = DotnetHost,
            Arguments = [ServerDll, .. arguments],
            WorkingDirectory = Path.GetTempPath(),
            EnvironmentVariables = environment?.ToDictionary(p => p.Key, p => (string?)p.Value),
            StandardErrorLines = stderr is null ? null : line =>
            {
                lock (stderr)
                {
                    stderr.Add(line);
                }
            },
        });

    /// <summary>Environment for a server pointed at a cluster: no .env is read from the temp working directory.</summary>
    public static Dictionary<string, string> ClusterEnvironment(string host, int port, string user, string tokenName, string secret, string fingerprint) => new()
    {
        ["PROXMOX_HOST"] = host,
        ["PROXMOX_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PROXMOX_USER"] = user,
        ["PROXMOX_TOKEN_NAME"] = tokenName,
        ["PROXMOX_TOKEN_VALUE"] = secret,
        ["PROXMOX_TLS_FINGERPRINT"] = fingerprint,
        ["PROXMOX_ENV_FILE"] = EmptyEnvFile.Value,
    };

    /// <summary>An empty .env file, so no .env from the working directory is read.</summary>
    public static string EmptyEnvFilePath => EmptyEnvFile.Value;

    private static readonly Lazy<string> EmptyEnvFile = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"proxmox-mcp-empty-{System.Environment.ProcessId}.env");
        File.WriteAllText(path, "# intentionally empty\n");
        return path;
    });
}
