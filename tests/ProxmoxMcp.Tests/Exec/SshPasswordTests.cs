using Microsoft.Extensions.Logging.Abstractions;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Exec;

namespace ProxmoxMcp.Tests.Exec;

/// <summary>PROXMOX_SSH_PASSWORD: password login through SSH_ASKPASS against a real sshd, and a wrong password refused clearly.</summary>
public sealed class SshPasswordTests
{
    [Fact]
    public async Task A_password_login_goes_through_ssh_askpass()
    {
        await using var ssh = await SshServer.StartAsync();
        var (user, password) = await SshServer.TestUserAsync();
        using var pins = new HostKeyPins();
        var target = new SshTarget("127.0.0.1", ssh.Port, user);

        var runner = new OpenSshRunner(new SshOptions { Password = password, KnownHostsFile = ssh.KnownHosts }, pins, NullLogger<OpenSshRunner>.Instance);
        var outcome = await runner.RunAsync(target, ["echo", "logged in with a password"], TimeSpan.FromSeconds(20), 4096, TestContext.Current.CancellationToken);

        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        outcome.Stdout.ShouldBe("logged in with a password\n");
        Directory.GetFiles(Path.GetTempPath(), "proxmox-mcp-askpass-*").ShouldBeEmpty();

        var wrong = new OpenSshRunner(new SshOptions { Password = "not-the-password", KnownHostsFile = ssh.KnownHosts }, pins, NullLogger<OpenSshRunner>.Instance);
        var refused = await Should.ThrowAsync<ExecFailedException>(wrong.RunAsync(target, ["true"], TimeSpan.FromSeconds(20), 4096, TestContext.Current.CancellationToken));
        refused.Message.ShouldContain("refused the login");
        refused.Message.ShouldNotContain("not-the-password");
    }
}
