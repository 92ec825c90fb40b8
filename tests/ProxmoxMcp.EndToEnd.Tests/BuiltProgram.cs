using System.Diagnostics;

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
