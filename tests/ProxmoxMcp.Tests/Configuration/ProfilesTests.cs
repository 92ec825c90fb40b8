using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Tests.Configuration;

/// <summary>
/// Profiles: several clusters in one file of [name] sections; --profile (or PROXMOX_PROFILE) picks one;
/// the environment still wins; a mistake in the file is reported, never guessed around.
/// </summary>
public sealed class ProfilesTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("proxmox-mcp-profiles");

    public void Dispose() => _directory.Delete(recursive: true);

    private const string TwoClusters = """
        # shared by every profile
        PROXMOX_VERIFY_SSL=false
        PROXMOX_MCP_TAG=agent

        [home]
        PROXMOX_HOST=192.168.1.10
        PROXMOX_USER=mcp@pve
        PROXMOX_TOKEN_NAME=agent
        PROXMOX_TOKEN_VALUE=9f1c2b4e-0000-4000-8000-123456789abc
        PROXMOX_TLS_FINGERPRINT=AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89

        [lab]
        PROXMOX_HOST=https://lab.example:8443
        PROXMOX_USER=root@pam
        PROXMOX_PASSWORD='pa$$ #word'
        PROXMOX_WRITE_SCOPE=tagged
        PROXMOX_ENABLE_EXEC=true
        PROXMOX_MCP_TAG=lab-agent
        """;

    [Fact]
    public void A_profile_gives_its_cluster_over_the_shared_lines()
    {
        var options = OptionsLoader.Load(ResolvedSettings.Resolve(Environment(TwoClusters), "lab"));

        options.Profile.ShouldBe("lab");
        options.Host.ShouldBe("lab.example");
        options.Port.ShouldBe(8443);
        options.Login.ShouldBe(ApiLogin.Password);
        // Single quotes keep a value as written: no $ expansion, no # comment.
        options.Password.ShouldBe("pa$$ #word");
        options.WriteScope.ShouldBe(WriteScope.Tagged);
        options.EnableExec.ShouldBeTrue();
        options.CreatedTag.ShouldBe("lab-agent");
        options.VerifySsl.ShouldBeFalse();
        options.AuditLogPath!.ShouldEndWith("audit-lab.jsonl");

        var home = OptionsLoader.Load(ResolvedSettings.Resolve(Environment(TwoClusters), "home"));
        home.Login.ShouldBe(ApiLogin.Token);
        home.TlsFingerprint.ShouldBe("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789");
        home.CreatedTag.ShouldBe("agent");
        home.AuditLogPath!.ShouldEndWith("audit-home.jsonl");
    }

    [Fact]
    public void The_environment_wins_over_the_profile_and_says_so_but_a_blank_variable_does_not_wipe_a_value()
    {
        var environment = Environment(TwoClusters, ("PROXMOX_WRITE_SCOPE", "all"), ("PROXMOX_HOST", " "));

        var settings = ResolvedSettings.Resolve(environment, "lab");
        var options = OptionsLoader.Load(settings);

        options.WriteScope.ShouldBe(WriteScope.All);
        options.Host.ShouldBe("lab.example");
        settings.OverriddenByEnvironment.ShouldBe(["PROXMOX_WRITE_SCOPE"]);
    }

    [Fact]
    public void PROXMOX_PROFILE_picks_a_profile_and_the_command_line_wins_over_it()
    {
        var environment = Environment(TwoClusters, (OptionsLoader.ProfileVariable, "home"));

        ResolvedSettings.Resolve(environment, null).Profile.ShouldBe("home");
        OptionsLoader.Load(ResolvedSettings.Resolve(environment, "lab")).Profile.ShouldBe("lab");
    }

    [Fact]
    public void Without_a_profile_the_file_is_not_read_at_all()
    {
        var environment = Environment("this is not a profiles file\n[bad name]\n");

        var settings = ResolvedSettings.Resolve(environment, null);

        settings.Profile.ShouldBeNull();
        settings.ContainsKey("PROXMOX_HOST").ShouldBeFalse();
    }

    [Fact]
    public void An_unknown_profile_names_those_the_file_holds()
    {
        var error = Should.Throw<ConfigurationException>(() => ResolvedSettings.Resolve(Environment(TwoClusters), "office"));

        error.Problems.ShouldHaveSingleItem().ShouldContain("profile 'office' is not in");
        error.Message.ShouldContain("home, lab");
    }

    [Fact]
    public void A_missing_file_says_where_it_was_looked_for()
    {
        var environment = new Dictionary<string, string> { [ProfilesFile.FileVariable] = Path.Combine(_directory.FullName, "none.env") };

        var error = Should.Throw<ConfigurationException>(() => ResolvedSettings.Resolve(environment, "home"));

        error.Message.ShouldContain("none.env does not exist");
    }

    [Fact]
    public void Every_mistake_in_the_file_is_reported_at_once()
    {
        var environment = Environment("""
            [home]
            PROXMOX_HOST=pve.lan
            PROXMOX_HOTS=pve2.lan
            PROXMOX_PROFILE=lab
            PROXMOX_SANDBOX_GUESTS=10

            [bad name]
            [home]
            """);

        var error = Should.Throw<ConfigurationException>(() => ResolvedSettings.Resolve(environment, "home"));

        error.Problems.Count.ShouldBe(5);
        error.Message.ShouldContain("PROXMOX_HOTS is not a setting (did you mean PROXMOX_HOST?)");
        error.Message.ShouldContain("PROXMOX_PROFILE chooses where settings come from and cannot be set in a profile");
        error.Message.ShouldContain("PROXMOX_SANDBOX_GUESTS is not a setting");
        error.Message.ShouldContain("[bad name] is not a profile name");
        error.Message.ShouldContain("profile [home] appears twice");
    }

    [Fact]
    public void The_default_file_is_in_the_users_configuration_folder()
    {
        ProfilesFile.PathFor(new Dictionary<string, string>()).ShouldEndWith(Path.Combine("proxmox-mcp", "profiles.env"));
        ProfilesFile.PathFor(new Dictionary<string, string> { [ProfilesFile.FileVariable] = "~/clusters.env" })
            .ShouldBe(Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), "clusters.env"));
    }

    private Dictionary<string, string> Environment(string profiles, params (string Key, string Value)[] variables)
    {
        var file = Path.Combine(_directory.FullName, "profiles.env");
        File.WriteAllText(file, profiles);
        var environment = new Dictionary<string, string> { [ProfilesFile.FileVariable] = file };
        foreach (var (key, value) in variables)
        {
            environment[key] = value;
        }
        return environment;
    }
}
