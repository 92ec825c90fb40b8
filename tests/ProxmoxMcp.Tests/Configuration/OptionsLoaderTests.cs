using System.Collections;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Tests.Configuration;

public sealed class OptionsLoaderTests
{
    private static readonly Dictionary<string, string> Minimal = new()
    {
        ["PROXMOX_HOST"] = "192.168.1.10",
        ["PROXMOX_USER"] = "mcp@pve",
        ["PROXMOX_TOKEN_NAME"] = "agent",
        ["PROXMOX_TOKEN_VALUE"] = "9f1c2b4e-0000-4000-8000-123456789abc",
    };

    [Theory]
    [InlineData(null, "tag:mcp")]
    [InlineData("agent", "tag:agent")]
    public void An_exec_tag_equal_to_the_servers_own_tag_stops_start_up(string? createdTag, string execAllow)
    {
        var settings = new Dictionary<string, string>(Minimal) { ["PROXMOX_EXEC_ALLOW"] = execAllow };
        if (createdTag is not null)
        {
            settings["PROXMOX_MCP_TAG"] = createdTag;
        }

        var error = Should.Throw<ConfigurationException>(() => OptionsLoader.Load(settings));

        error.Problems.ShouldHaveSingleItem().ShouldContain("the agent could grant itself in-guest execution");
    }

    [Fact]
    public void The_four_settings_users_know_are_enough_with_homelab_defaults()
    {
        var options = OptionsLoader.Load(Minimal);

        options.ApiBaseUrl.ShouldBe("https://192.168.1.10:8006/api2/json/");
        options.AuthorizationHeader.ShouldBe("PVEAPIToken=mcp@pve!agent=9f1c2b4e-0000-4000-8000-123456789abc");
        options.VerifySsl.ShouldBeFalse();
        options.EnableExec.ShouldBeFalse();
        options.WriteScope.ShouldBe(WriteScope.All);
        options.CreatedTag.ShouldBe("mcp");
        options.Ssh.Port.ShouldBe(22);
    }

    [Fact]
    public void Every_missing_setting_is_listed_in_one_message()
    {
        var error = Should.Throw<ConfigurationException>(() => OptionsLoader.Load(new Dictionary<string, string>()));

        error.Problems.Count.ShouldBe(4);
        error.Message.ShouldContain("PROXMOX_HOST is missing");
        error.Message.ShouldContain("PROXMOX_USER is missing");
        error.Message.ShouldContain("PROXMOX_TOKEN_NAME is missing");
        error.Message.ShouldContain("PROXMOX_TOKEN_VALUE is missing");
    }

    [Fact]
    public void Malformed_settings_are_each_named()
    {
        var settings = new Dictionary<string, string>(Minimal)
        {
            ["PROXMOX_PORT"] = "99999",
            ["PROXMOX_VERIFY_SSL"] = "maybe",
            ["PROXMOX_TLS_FINGERPRINT"] = "AB:CD",
            ["PROXMOX_MCP_REGISTRY_PIN"] = "xyz",
            ["PROXMOX_MCP_TAG"] = "Made By AI",
            ["PROXMOX_WRITE_SCOPE"] = "some",
            ["PROXMOX_USER"] = "root",
            ["PROXMOX_EXEC_ALLOW"] = "101,abc",
            ["PROXMOX_SSH_KEY_FILE"] = "/nonexistent/key",
            ["PROXMOX_SSH_HOST_KEY_FINGERPRINT"] = "MD5:aa:bb",
            ["PROXMOX_TIMEOUT"] = "0",
        };

        var error = Should.Throw<ConfigurationException>(() => OptionsLoader.Load(settings));

        foreach (var name in new[] { "PROXMOX_PORT", "PROXMOX_VERIFY_SSL", "PROXMOX_TLS_FINGERPRINT", "PROXMOX_MCP_REGISTRY_PIN", "PROXMOX_MCP_TAG", "PROXMOX_WRITE_SCOPE", "PROXMOX_USER", "PROXMOX_EXEC_ALLOW", "PROXMOX_SSH_KEY_FILE", "PROXMOX_SSH_HOST_KEY_FINGERPRINT", "PROXMOX_TIMEOUT" })
        {
            error.Problems.ShouldContain(p => p.StartsWith(name, StringComparison.Ordinal), $"no problem reported for {name}");
        }
    }

    [Theory]
    [InlineData("https://pve.lan:8007", "pve.lan", 8007)]
    [InlineData("https://pve.lan", "pve.lan", 8006)]
    [InlineData("pve.lan", "pve.lan", 8006)]
    [InlineData("fd00::10", "fd00::10", 8006)]
    public void Hosts_may_be_names_addresses_or_https_urls(string host, string expectedHost, int expectedPort)
    {
        var options = OptionsLoader.Load(new Dictionary<string, string>(Minimal) { ["PROXMOX_HOST"] = host });

        options.Host.ShouldBe(expectedHost);
        options.Port.ShouldBe(expectedPort);
    }

    [Theory]
    [InlineData("http://pve.lan:8006")]
    [InlineData("pve.lan/api2")]
    [InlineData("pve lan")]
    public void Other_hosts_are_refused(string host)
    {
        Should.Throw<ConfigurationException>(() => OptionsLoader.Load(new Dictionary<string, string>(Minimal) { ["PROXMOX_HOST"] = host }))
            .Problems.ShouldHaveSingleItem().ShouldStartWith("PROXMOX_HOST");
    }

    [Fact]
    public void A_full_token_id_in_the_token_name_is_understood()
    {
        var settings = new Dictionary<string, string>(Minimal) { ["PROXMOX_TOKEN_NAME"] = "mcp@pve!agent" };
        settings.Remove("PROXMOX_USER");

        var options = OptionsLoader.Load(settings);

        options.User.ShouldBe("mcp@pve");
        options.TokenName.ShouldBe("agent");
    }

    [Fact]
    public void Fingerprints_are_normalised_and_exec_settings_read()
    {
        var fingerprint = string.Join(':', Enumerable.Repeat("ab", 32));
        var options = OptionsLoader.Load(new Dictionary<string, string>(Minimal)
        {
            ["PROXMOX_TLS_FINGERPRINT"] = fingerprint,
            ["PROXMOX_ENABLE_EXEC"] = "true",
            ["PROXMOX_EXEC_VIA"] = "ssh",
            ["PROXMOX_EXEC_ALLOW"] = "tag:web",
            ["PROXMOX_SSH_HOSTS"] = "pve1=10.0.0.1, pve2=10.0.0.2",
            ["PROXMOX_WRITE_SCOPE"] = "tagged",
        });

        options.TlsFingerprint.ShouldBe(new string('A', 0) + string.Concat(Enumerable.Repeat("AB", 32)));
        options.EnableExec.ShouldBeTrue();
        options.ExecVia.ShouldBe(ExecTransport.Ssh);
        options.ExecAllowTag.ShouldBe("web");
        options.Ssh.HostFor("pve2", "fallback").ShouldBe("10.0.0.2");
        options.Ssh.HostFor("pve9", "fallback").ShouldBe("fallback");
        options.WriteScope.ShouldBe(WriteScope.Tagged);
    }

    [Fact]
    public void Dotenv_is_read_and_the_process_environment_wins()
    {
        var directory = Directory.CreateTempSubdirectory("proxmox-mcp-env");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, ".env"), """
                # a comment
                PROXMOX_HOST=10.0.0.5
                PROXMOX_USER=root@pam
                PROXMOX_TOKEN_NAME="from-file"
                PROXMOX_TOKEN_VALUE=file-secret
                """);
            var environment = new Hashtable { ["PROXMOX_TOKEN_NAME"] = "from-environment" };

            var settings = SettingsSource.Read(environment, directory.FullName);

            settings["PROXMOX_HOST"].ShouldBe("10.0.0.5");
            settings["PROXMOX_TOKEN_VALUE"].ShouldBe("file-secret");
            settings["PROXMOX_TOKEN_NAME"].ShouldBe("from-environment");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_explicit_env_file_that_does_not_exist_is_an_error()
    {
        var environment = new Hashtable { [SettingsSource.EnvFileVariable] = "/nonexistent/proxmox.env" };

        Should.Throw<ConfigurationException>(() => SettingsSource.Read(environment, "/")).Message.ShouldContain("/nonexistent/proxmox.env");
    }
}
