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
    public void A_password_logs_in_as_the_user_instead_of_a_token()
    {
        var options = OptionsLoader.Load(new Dictionary<string, string>
        {
            ["PROXMOX_HOST"] = "pve.lan",
            ["PROXMOX_USER"] = "root@pam",
            // Taken as given: a space at either end may belong to the password.
            ["PROXMOX_PASSWORD"] = " correct horse ",
        });

        options.Login.ShouldBe(ApiLogin.Password);
        options.User.ShouldBe("root@pam");
        options.Password.ShouldBe(" correct horse ");
        options.TokenValue.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("mcp@pve!agent", "names an API token")]
    [InlineData("root", "must be user@realm")]
    public void A_password_login_needs_a_user_with_its_realm(string user, string expected)
    {
        var error = Should.Throw<ConfigurationException>(() => OptionsLoader.Load(new Dictionary<string, string>
        {
            ["PROXMOX_HOST"] = "pve.lan",
            ["PROXMOX_USER"] = user,
            ["PROXMOX_PASSWORD"] = "secret",
        }));

        error.Problems.ShouldHaveSingleItem().ShouldContain(expected);
    }

    [Fact]
    public void A_password_and_a_token_together_are_refused_rather_than_guessed_between()
    {
        var error = Should.Throw<ConfigurationException>(() => OptionsLoader.Load(new Dictionary<string, string>(Minimal) { ["PROXMOX_PASSWORD"] = "secret" }));

        error.Problems.ShouldHaveSingleItem().ShouldContain("choose one login");
    }

    [Fact]
    public void A_missing_token_mentions_the_password_login()
    {
        var error = Should.Throw<ConfigurationException>(() => OptionsLoader.Load(new Dictionary<string, string>(Minimal) { ["PROXMOX_TOKEN_VALUE"] = "" }));

        error.Problems.ShouldHaveSingleItem().ShouldContain("PROXMOX_PASSWORD");
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

    [Fact]
    public void Confirmation_tiers_and_budgets_are_read_from_their_settings()
    {
        var options = OptionsLoader.Load(new Dictionary<string, string>(Minimal)
        {
            ["PROXMOX_CONFIRM"] = "stop_vm, tier:exec, tag:prod, writes",
            ["PROXMOX_CONFIRM_TIMEOUT"] = "45",
            ["PROXMOX_TIERS"] = "read,power",
            ["PROXMOX_TIME_BUDGETS"] = "read=10,provision=300",
        });

        options.Confirm.Tools.ShouldBe(["stop_vm"]);
        options.Confirm.Tiers.ShouldBe([ProxmoxMcp.Tools.ToolTier.GuestExec]);
        options.Confirm.Tags.ShouldBe(["prod"]);
        options.Confirm.TagsFor(ProxmoxMcp.Tools.ToolTier.Lifecycle).Contains("Prod").ShouldBeTrue("tags compare as Proxmox compares them, without case");
        options.Confirm.Writes.ShouldBeTrue();
        options.Confirm.ToString().ShouldBe("writes,tier:exec,tag:prod,stop_vm");
        options.ConfirmTimeout.ShouldBe(TimeSpan.FromSeconds(45));
        options.Tiers.ShouldBe([ProxmoxMcp.Tools.ToolTier.Read, ProxmoxMcp.Tools.ToolTier.Lifecycle], ignoreOrder: true);
        options.Budgets.Read.ShouldBe(TimeSpan.FromSeconds(10));
        options.Budgets.Provision.ShouldBe(TimeSpan.FromSeconds(300));
        options.Budgets.Power.ShouldBe(new TimeBudgets().Power);
    }

    [Fact]
    public void By_default_nothing_is_confirmed_and_every_tier_but_exec_is_exposed()
    {
        var options = OptionsLoader.Load(Minimal);

        options.Confirm.IsEmpty.ShouldBeTrue();
        options.ConfirmTimeout.ShouldBe(TimeSpan.FromSeconds(120));
        options.Exposes(ProxmoxMcp.Tools.ToolTier.Provision).ShouldBeTrue();
        options.Exposes(ProxmoxMcp.Tools.ToolTier.GuestExec).ShouldBeFalse();
    }

    [Theory]
    [InlineData("PROXMOX_CONFIRM", "stop_everything", "'stop_everything' is not a rule")]
    [InlineData("PROXMOX_CONFIRM", "tier:delete", "'tier:delete' names no tier")]
    [InlineData("PROXMOX_CONFIRM", "tag:Prod Servers", "is not a valid Proxmox tag")]
    [InlineData("PROXMOX_CONFIRM_TIMEOUT", "0", "PROXMOX_CONFIRM_TIMEOUT '0' must be a whole number from 1 to 3600")]
    [InlineData("PROXMOX_TIERS", "read,destroy", "'destroy' is not a tier")]
    [InlineData("PROXMOX_TIERS", "read,exec", "PROXMOX_TIERS names exec, but in-guest execution is off")]
    [InlineData("PROXMOX_TIME_BUDGETS", "read=0", "PROXMOX_TIME_BUDGETS: 'read=0' must be TIER=SECONDS")]
    [InlineData("PROXMOX_TIME_BUDGETS", "forever=10", "'forever=10' must be TIER=SECONDS")]
    public void Malformed_rules_are_named(string name, string value, string expected)
    {
        var error = Should.Throw<ConfigurationException>(() => OptionsLoader.Load(new Dictionary<string, string>(Minimal) { [name] = value }));

        error.Problems.ShouldHaveSingleItem().ShouldContain(expected);
    }
}
