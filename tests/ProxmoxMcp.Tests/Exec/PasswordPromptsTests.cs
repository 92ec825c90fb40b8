using System.Diagnostics;
using ProxmoxMcp.Exec;
using Renci.SshNet.Common;

namespace ProxmoxMcp.Tests.Exec;

/// <summary>
/// PROXMOX_SSH_PASSWORD goes only to a prompt that asks for the login password: SSH.NET's
/// keyboard-interactive rounds and the OpenSSH client's SSH_ASKPASS helper judge prompts alike.
/// </summary>
public sealed class PasswordPromptsTests
{
    private const string Password = "pw-secret";

    [Theory]
    [InlineData("Password: ", true)]
    [InlineData("Password:", true)]
    [InlineData("root@pve1's password: ", true)]
    [InlineData("(root@pve1.lan) Password: ", true)]
    [InlineData("Password for root@pam: ", true)]
    [InlineData("PASSWORD:\n", true)]
    [InlineData("Verification code: ", false)]
    [InlineData("One-time password (OATH) for `root': ", false)]
    [InlineData("Enter OTP password: ", false)]
    [InlineData("Token password: ", false)]
    [InlineData("New password: ", false)]
    [InlineData("Retype new password: ", false)]
    [InlineData("Password again: ", false)]
    [InlineData("Enter passphrase for key '/root/.ssh/id_ed25519': ", false)]
    [InlineData("Password", false)]
    [InlineData("Password: then more", false)]
    [InlineData("Password: :", false)]
    [InlineData("Are you sure you want to continue connecting (yes/no)? ", false)]
    public void Only_a_prompt_for_the_login_password_gets_it(string prompt, bool answered)
    {
        PasswordPrompts.IsPasswordPrompt(prompt).ShouldBe(answered);

        var round = new AuthenticationPromptEventArgs("root", string.Empty, string.Empty, [new AuthenticationPrompt(0, false, prompt)]);
        if (answered)
        {
            PasswordPrompts.Answer(round, Password);
            round.Prompts[0].Response.ShouldBe(Password);
        }
        else
        {
            Should.Throw<SshAuthenticationException>(() => PasswordPrompts.Answer(round, Password)).Message.ShouldContain("is not a password prompt");
            round.Prompts[0].Response.ShouldBeNull();
        }
    }

    [Theory]
    [InlineData("Password: ", true)]
    [InlineData("root@pve1's password: ", true)]
    [InlineData("PASSWORD:\n", true)]
    [InlineData("Verification code: ", false)]
    [InlineData("One-time password (OATH) for `root': ", false)]
    [InlineData("Retype new password: ", false)]
    [InlineData("Enter passphrase for key '/root/.ssh/id_ed25519': ", false)]
    [InlineData("Password: then more", false)]
    [InlineData("Password: :", false)]
    [InlineData("Are you sure you want to continue connecting (yes/no)? ", false)]
    public async Task The_askpass_helper_of_the_OpenSSH_client_answers_the_same_prompts(string prompt, bool answered)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var script = AskPass.CreateScript();
        try
        {
            var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(prompt);
            start.Environment[AskPass.PasswordVariable] = Password;
            using var helper = Process.Start(start)!;
            var output = await helper.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await helper.WaitForExitAsync(TestContext.Current.CancellationToken);

            (helper.ExitCode, output).ShouldBe(answered ? (0, Password + "\n") : (1, string.Empty));
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void An_echoed_prompt_or_several_at_once_get_nothing_and_a_round_without_prompts_is_answered_empty()
    {
        var echoed = new AuthenticationPromptEventArgs("root", string.Empty, string.Empty, [new AuthenticationPrompt(0, true, "Password: ")]);
        Should.Throw<SshAuthenticationException>(() => PasswordPrompts.Answer(echoed, Password)).Message.ShouldContain("with the answer shown on screen");
        echoed.Prompts[0].Response.ShouldBeNull();

        var two = new AuthenticationPromptEventArgs("root", string.Empty, string.Empty, [new AuthenticationPrompt(0, false, "Password: "), new AuthenticationPrompt(1, false, "Verification code: ")]);
        var refused = Should.Throw<SshAuthenticationException>(() => PasswordPrompts.Answer(two, Password));
        refused.Message.ShouldContain("asked 2 questions at once (\"Password:\", \"Verification code:\")");
        refused.Message.ShouldNotContain(Password);
        two.Prompts.ShouldAllBe(p => p.Response == null);

        var none = new AuthenticationPromptEventArgs("root", "Welcome", string.Empty, []);
        PasswordPrompts.Answer(none, Password);
    }

    [Fact]
    public void A_prompt_is_shown_short_and_without_control_characters()
    {
        var round = new AuthenticationPromptEventArgs("root", string.Empty, string.Empty, [new AuthenticationPrompt(0, false, "Code\u001b[2J" + new string('x', 200) + ": ")]);

        var message = Should.Throw<SshAuthenticationException>(() => PasswordPrompts.Answer(round, Password)).Message;

        message.ShouldNotContain("\u001b");
        message.ShouldContain("Code?[2J");
        message.ShouldContain("...\"");
    }
}
