using System.Globalization;
using ProxmoxMcp.Cli;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Sandbox;

namespace ProxmoxMcp.Tests.Cli;

/// <summary>
/// --profile and doctor --all-profiles against two sandboxes: "home" logs in with an API token, "lab"
/// with a password; each command talks to its own cluster only.
/// </summary>
public sealed class ProfileCommandTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("proxmox-mcp-profile-cli");
    private SandboxServer _home = null!;
    private SandboxServer _lab = null!;
    private string _file = null!;

    public async ValueTask InitializeAsync()
    {
        _home = await SandboxServer.StartAsync(new SandboxOptions { TaskDuration = TimeSpan.FromMilliseconds(100) }, TestContext.Current.CancellationToken);
        _lab = await SandboxServer.StartAsync(new SandboxOptions { TaskDuration = TimeSpan.FromMilliseconds(100) }, TestContext.Current.CancellationToken);
        _file = Path.Combine(_directory.FullName, "profiles.env");
        await File.WriteAllTextAsync(_file, ProfilesText(_home, _lab), TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _home.DisposeAsync();
        await _lab.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    /// <summary>The profiles file a user writes for two clusters (the README shows the same shape).</summary>
    public static string ProfilesText(SandboxServer home, SandboxServer lab) => $"""
        PROXMOX_MCP_AUDIT_LOG=off

        [home]
        PROXMOX_HOST={home.Host}
        PROXMOX_PORT={home.Port.ToString(CultureInfo.InvariantCulture)}
        PROXMOX_USER={home.Tokens.LeastPrivilege.User}
        PROXMOX_TOKEN_NAME={home.Tokens.LeastPrivilege.TokenName}
        PROXMOX_TOKEN_VALUE={home.Tokens.LeastPrivilege.Secret}
        PROXMOX_TLS_FINGERPRINT={home.CertificateFingerprint}

        [lab]
        PROXMOX_HOST={lab.Host}
        PROXMOX_PORT={lab.Port.ToString(CultureInfo.InvariantCulture)}
        PROXMOX_USER={lab.Logins.Root.User}
        PROXMOX_PASSWORD='{lab.Logins.Root.Password}'
        PROXMOX_TLS_FINGERPRINT={lab.CertificateFingerprint}
        PROXMOX_TIERS=read
        """;

    [Fact]
    public async Task Each_profile_talks_to_its_own_cluster_with_its_own_login()
    {
        var (homeCode, homeOutput, homeError) = await Run(["--profile", "home", "call", "list_nodes"]);
        homeCode.ShouldBe(ExitCodes.Ok, homeError);
        homeOutput.ShouldContain("node=pve1 status=online");
        _home.Requests.Snapshot().ShouldNotBeEmpty();
        _home.Requests.Snapshot().ShouldAllBe(r => r.TokenId == "mcp@pve!agent");
        _lab.Requests.Snapshot().ShouldBeEmpty();

        var (labCode, _, labError) = await Run(["call", "list_nodes"], (OptionsLoader.ProfileVariable, "lab"));
        labCode.ShouldBe(ExitCodes.Ok, labError);
        _lab.Requests.Snapshot().Select(r => r.Path).ShouldContain("/access/ticket");
        _lab.Requests.Snapshot().Where(r => r.Path != "/access/ticket").ShouldAllBe(r => r.TokenId == "root@pam");
    }

    [Fact]
    public async Task A_profile_brings_its_own_tiers_and_the_environment_still_wins()
    {
        var (refused, _, refusedError) = await Run(["--profile", "lab", "call", "start_vm", "--arg", "vmid=102"]);
        refused.ShouldBe(ExitCodes.Usage);
        refusedError.ShouldContain("PROXMOX_TIERS leaves out the power tier");

        var (allowed, _, allowedError) = await Run(["--profile", "lab", "call", "start_vm", "--arg", "vmid=102"], ("PROXMOX_TIERS", "read,power"));
        allowed.ShouldBe(ExitCodes.Ok, allowedError);
    }

    [Fact]
    public async Task Doctor_names_the_profile_and_what_the_environment_replaced()
    {
        var (code, output, error) = await Run(["doctor", "--profile", "lab"], ("PROXMOX_TIERS", "read,power"));

        code.ShouldBe(ExitCodes.Ok, output + error);
        output.ShouldContain($"ok    profile lab from {_file}");
        output.ShouldContain("note  PROXMOX_TIERS comes from the environment (or .env), not from profile lab");
        output.ShouldContain("ok    configuration: password login as root@pam");
        output.ShouldNotContain("chmod 600");
    }

    [Fact]
    public async Task Doctor_warns_when_other_users_may_read_the_profiles_file()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var (_, output, _) = await Run(["doctor", "--profile", "home"]);

        output.ShouldContain($"note  {_file} holds secrets and other users may read it: chmod 600 {_file}");
    }

    [Fact]
    public async Task Doctor_all_profiles_checks_each_cluster_and_fails_when_one_fails()
    {
        var (code, output, error) = await Run(["doctor", "--all-profiles"]);
        code.ShouldBe(ExitCodes.Ok, output + error);
        output.ShouldContain("== profile home ==");
        output.ShouldContain("== profile lab ==");
        output.ShouldContain("all 2 profiles pass");

        await File.AppendAllTextAsync(_file, "\n[office]\nPROXMOX_HOST=127.0.0.1\nPROXMOX_PORT=9\nPROXMOX_USER=root@pam\nPROXMOX_PASSWORD=x\nPROXMOX_TIMEOUT=3\n\n[broken]\nPROXMOX_USER=nobody\n", TestContext.Current.CancellationToken);
        var (failed, failedOutput, _) = await Run(["doctor", "--all-profiles"]);

        failed.ShouldBe(ExitCodes.Failed);
        failedOutput.ShouldContain("FAIL  Cannot connect to Proxmox at 127.0.0.1:9");
        failedOutput.ShouldContain("FAIL  PROXMOX_HOST is missing");
        failedOutput.ShouldContain("2 of 4 profiles fail: office, broken");
    }

    [Fact]
    public async Task Profile_mistakes_are_configuration_errors()
    {
        var (unknown, _, unknownError) = await Run(["--profile", "office", "call", "list_nodes"]);
        unknown.ShouldBe(ExitCodes.Usage);
        unknownError.ShouldContain("profile 'office' is not in");

        var (both, _, bothError) = await Run(["doctor", "--all-profiles", "--profile", "home"]);
        both.ShouldBe(ExitCodes.Usage);
        bothError.ShouldContain("leave out --sandbox and --profile");
    }

    private async Task<(int Code, string Output, string Error)> Run(string[] args, params (string Key, string Value)[] environment)
    {
        var settings = new Dictionary<string, string> { [ProfilesFile.FileVariable] = _file, ["PROXMOX_MCP_AUDIT_LOG"] = "off" };
        foreach (var (key, value) in environment)
        {
            settings[key] = value;
        }
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineApp.RunAsync(args, output, error, settings);
        return (code, output.ToString(), error.ToString());
    }
}
