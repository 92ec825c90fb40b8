using System.Globalization;
using ModelContextProtocol.Client;
using ProxmoxMcp.Sandbox;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// Two clusters served side by side from one profiles file, the way the README registers them
/// (<c>claude mcp add proxmox-home -- proxmox-mcp --profile home</c>, and lab): two server processes, two
/// sandboxes, one logging in with an API token and the other with a password.
/// </summary>
public sealed class ProfilesEndToEndTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("proxmox-mcp-e2e-profiles");
    private SandboxServer _home = null!;
    private SandboxServer _lab = null!;

    public async ValueTask InitializeAsync()
    {
        _home = await SandboxServer.StartAsync(new SandboxOptions(), TestContext.Current.CancellationToken);
        _lab = await SandboxServer.StartAsync(new SandboxOptions(), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _home.DisposeAsync();
        await _lab.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Two_profiles_serve_two_clusters_side_by_side()
    {
        var file = Path.Combine(_directory.FullName, "profiles.env");
        await File.WriteAllTextAsync(file, $"""
            PROXMOX_MCP_AUDIT_LOG=off

            [home]
            PROXMOX_HOST={_home.Host}
            PROXMOX_PORT={_home.Port.ToString(CultureInfo.InvariantCulture)}
            PROXMOX_USER={_home.Tokens.LeastPrivilege.User}
            PROXMOX_TOKEN_NAME={_home.Tokens.LeastPrivilege.TokenName}
            PROXMOX_TOKEN_VALUE={_home.Tokens.LeastPrivilege.Secret}
            PROXMOX_TLS_FINGERPRINT={_home.CertificateFingerprint}

            [lab]
            PROXMOX_HOST={_lab.Host}
            PROXMOX_PORT={_lab.Port.ToString(CultureInfo.InvariantCulture)}
            PROXMOX_USER={_lab.Logins.LeastPrivilege.User}
            PROXMOX_PASSWORD='{_lab.Logins.LeastPrivilege.Password}'
            PROXMOX_TLS_FINGERPRINT={_lab.CertificateFingerprint}
            PROXMOX_TIERS=read
            """, TestContext.Current.CancellationToken);
        var stderr = new List<string>();

        await using var home = await McpClient.CreateAsync(Transport(file, "home", stderr), cancellationToken: TestContext.Current.CancellationToken);
        await using var lab = await McpClient.CreateAsync(Transport(file, "lab", stderr), cancellationToken: TestContext.Current.CancellationToken);

        var homeTools = await home.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var labTools = await lab.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        homeTools.Select(t => t.Name).ShouldContain("start_vm");
        labTools.Select(t => t.Name).ShouldNotContain("start_vm", "the lab profile offers the read tier only");

        (await home.CallToolAsync("list_vms", cancellationToken: TestContext.Current.CancellationToken)).IsError.ShouldNotBe(true);
        (await lab.CallToolAsync("list_vms", cancellationToken: TestContext.Current.CancellationToken)).IsError.ShouldNotBe(true);

        _home.Requests.Snapshot().ShouldNotBeEmpty();
        _home.Requests.Snapshot().ShouldAllBe(r => r.TokenId == "mcp@pve!agent");
        var labRequests = _lab.Requests.Snapshot();
        labRequests.ShouldContain(r => r.Path == "/access/ticket" && r.Status == 200);
        labRequests.Where(r => r.Path != "/access/ticket").ShouldAllBe(r => r.TokenId == "mcp@pve");
        lock (stderr)
        {
            stderr.ShouldContain(line => line.Contains("Profile home: Proxmox at", StringComparison.Ordinal));
            stderr.ShouldContain(line => line.Contains("Profile lab: Proxmox at", StringComparison.Ordinal));
            stderr.ShouldAllBe(line => !line.Contains(_lab.Logins.LeastPrivilege.Password, StringComparison.Ordinal)
                && !line.Contains(_home.Tokens.LeastPrivilege.Secret, StringComparison.Ordinal)
                && _lab.Logins.IssuedSecrets.All(secret => !line.Contains(secret, StringComparison.Ordinal)));
        }
    }

    private static StdioClientTransport Transport(string file, string profile, List<string> stderr) => new(new StdioClientTransportOptions
    {
        Name = "proxmox-" + profile,
        Command = BuiltProgram.DotnetHost,
        Arguments = [BuiltProgram.ServerDll, "--profile", profile],
        WorkingDirectory = Path.GetTempPath(),
        EnvironmentVariables = new Dictionary<string, string?>
        {
            ["PROXMOX_PROFILES_FILE"] = file,
            ["PROXMOX_ENV_FILE"] = BuiltProgram.EmptyEnvFilePath,
        },
        StandardErrorLines = line =>
        {
            lock (stderr)
            {
                stderr.Add(line);
            }
        },
    });
}
