using System.Text.RegularExpressions;
using ProxmoxMcp.Cli;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Sandbox;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests.Cli;

/// <summary>doctor, and the README's recommended role checked against what the tools need and what the sandbox's least-privilege token holds.</summary>
public sealed class DoctorAndPrivilegeTests
{
    private static readonly ProxmoxOptions Everything = new() { Host = "h", User = "u@pve", TokenName = "t", TokenValue = "v", EnableExec = true };

    [Fact]
    public void The_readme_role_is_exactly_what_the_tools_need()
    {
        var readme = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "README.md"));
        var role = Regex.Match(readme, "pveum role add MCPAgent --privs \"([^\"]+)\"").Groups[1].Value.Split(' ').ToHashSet();

        var exec = Regex.Match(readme, "pveum role add MCPExec --privs \"([^\"]+)\"").Groups[1].Value.Split(' ').ToHashSet();

        role.ShouldBe(PrivilegeAdvice.Required(Everything with { EnableExec = false }).ToHashSet(), ignoreOrder: true);
        exec.ShouldBe(PrivilegeAdvice.Exec, ignoreOrder: true, "the exec privilege is a role of its own");
        role.ShouldNotContain("VM.GuestAgent.Unrestricted");
        role.Union(exec).ToHashSet().ShouldBe(ProxmoxMcp.Sandbox.Privileges.LeastPrivilege.ToHashSet(), ignoreOrder: true);
        var readOnly = Regex.Match(readme, "For a read-only agent use `--privs \"([^\"]+)\"`").Groups[1].Value.Split(' ');
        readOnly.ShouldBe(PrivilegeAdvice.Read, ignoreOrder: true);
        PrivilegeAdvice.Risky.ShouldAllBe(p => !role.Contains(p));
    }

    [Fact]
    public async Task Doctor_checks_the_sandbox_and_notes_extra_privileges()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLineApp.RunAsync(["--sandbox", "doctor"], output, error, new Dictionary<string, string>());

        code.ShouldBe(ExitCodes.Ok, output.ToString() + error);
        var text = output.ToString();
        text.ShouldContain("ok    configuration: API token root@pam!mcp at 127.0.0.1");
        text.ShouldContain("certificate pinned");
        text.ShouldContain("ok    API reachable: Proxmox VE 9.1.3");
        text.ShouldContain("ok    token privileges cover every enabled tool");
        text.ShouldContain("note  the token also holds");
    }

    [Fact]
    public async Task Doctor_says_a_password_login_is_in_use_and_recommends_a_token()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLineApp.RunAsync(["doctor"], output, error, PasswordSettings(sandbox, sandbox.Logins.LeastPrivilege));

        code.ShouldBe(ExitCodes.Ok, output.ToString() + error);
        var text = output.ToString();
        text.ShouldContain("ok    configuration: password login as mcp@pve (a ticket, renewed every 90 minutes) at 127.0.0.1");
        text.ShouldContain("note  mcp@pve logs in with a password; an API token is recommended instead");
        text.ShouldContain("ok    user mcp@pve privileges cover every enabled tool");
        text.ShouldNotContain(sandbox.Logins.LeastPrivilege.Password);
    }

    [Fact]
    public async Task Doctor_fails_a_realm_that_asks_for_a_second_factor_and_says_to_use_a_token()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLineApp.RunAsync(["doctor"], output, error, PasswordSettings(sandbox, sandbox.Logins.SecondFactor));

        code.ShouldBe(ExitCodes.Failed);
        output.ToString().ShouldContain("FAIL  admin@pve must give a second factor");
        output.ToString().ShouldContain("Use an API token instead");
    }

    private static Dictionary<string, string> PasswordSettings(SandboxServer sandbox, SandboxLogin login) => new()
    {
        ["PROXMOX_HOST"] = sandbox.Host,
        ["PROXMOX_PORT"] = sandbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PROXMOX_USER"] = login.User,
        ["PROXMOX_PASSWORD"] = login.Password,
        ["PROXMOX_TLS_FINGERPRINT"] = sandbox.CertificateFingerprint,
        ["PROXMOX_MCP_AUDIT_LOG"] = "off",
    };

    [Fact]
    public async Task Doctor_reports_an_unreachable_cluster_with_exit_1()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var settings = new Dictionary<string, string>
        {
            ["PROXMOX_HOST"] = "127.0.0.1", ["PROXMOX_PORT"] = "9", ["PROXMOX_USER"] = "root@pam", ["PROXMOX_TOKEN_NAME"] = "mcp", ["PROXMOX_TOKEN_VALUE"] = "x", ["PROXMOX_TIMEOUT"] = "3",
        };

        var code = await CommandLineApp.RunAsync(["doctor"], output, error, settings);

        code.ShouldBe(ExitCodes.Failed);
        output.ToString().ShouldContain("FAIL  Cannot connect to Proxmox at 127.0.0.1:9");
    }
}
