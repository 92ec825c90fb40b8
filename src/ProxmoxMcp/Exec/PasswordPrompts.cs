using System.Text;
using System.Text.RegularExpressions;
using Renci.SshNet.Common;

namespace ProxmoxMcp.Exec;

/// <summary>
/// Which prompts get PROXMOX_SSH_PASSWORD. A node's keyboard-interactive login may ask anything (a
/// one-time code, a second factor, a new password); the password goes only to a single prompt that
/// asks for a password ("Password:", "root@pve1's password: ", matching /password[^:]*:\s*$/i), with
/// the answer hidden, and never to one that names a one-time code or a new password. Anything else
/// gets no answer and the login fails with a clear reason. The OpenSSH client's SSH_ASKPASS helper
/// applies the same test to each prompt (<see cref="AskPassTest"/>).
/// </summary>
internal static partial class PasswordPrompts
{
    /// <summary>Words that make a prompt something other than the login password, whatever else it says (compared in lower case).</summary>
    internal static readonly string[] NotThePassword = ["one-time", "one time", "onetime", "otp", "oath", "token", "verification", "code", "new password", "retype", "again", "confirm"];

    /// <summary>Whether a prompt asks for the login password.</summary>
    public static bool IsPasswordPrompt(string prompt)
    {
        var lower = prompt.ToLowerInvariant();
        return PasswordPrompt().IsMatch(lower) && !NotThePassword.Any(word => lower.Contains(word, StringComparison.Ordinal));
    }

    /// <summary>
    /// Answers one keyboard-interactive round: the password for a single hidden password prompt,
    /// nothing for a round without prompts; otherwise throws, so nothing is sent (SSH.NET ends the
    /// login with this exception).
    /// </summary>
    public static void Answer(AuthenticationPromptEventArgs round, string password)
    {
        if (Refusal(round.Prompts) is { } refusal)
        {
            throw new SshAuthenticationException(refusal);
        }
        foreach (var prompt in round.Prompts)
        {
            prompt.Response = password;
        }
    }

    /// <summary>Why the password is not sent to these prompts, or null when it may be (one hidden password prompt, or none at all).</summary>
    public static string? Refusal(IReadOnlyList<AuthenticationPrompt> prompts) => prompts switch
    {
        [] => null,
        [{ IsEchoed: true } prompt] => $"the node's keyboard-interactive login asked \"{Shown(prompt.Request)}\" with the answer shown on screen, which a password prompt does not do; PROXMOX_SSH_PASSWORD is sent only to a password prompt",
        [var prompt] when !IsPasswordPrompt(prompt.Request) => $"the node's keyboard-interactive login asked \"{Shown(prompt.Request)}\", which is not a password prompt (a one-time code or a second factor cannot be answered); PROXMOX_SSH_PASSWORD is sent only to a password prompt",
        [_] => null,
        _ => $"the node's keyboard-interactive login asked {prompts.Count} questions at once ({string.Join(", ", prompts.Select(p => $"\"{Shown(p.Request)}\""))}); PROXMOX_SSH_PASSWORD is sent only to a single password prompt",
    };

    /// <summary>
    /// A POSIX sh test of "$1" with the same rule as <see cref="IsPasswordPrompt"/>: exits 1 unless it
    /// is a password prompt. Case-insensitive by patterns, so it needs no program but sh.
    /// </summary>
    internal static string AskPassTest()
    {
        var refused = string.Join('|', NotThePassword.Select(word => "*" + AnyCase(word) + "*"));
        return $$"""
            p=$1
            case $p in {{refused}}) exit 1 ;; esac
            while :; do case $p in *[[:space:]]) p=${p%?} ;; *) break ;; esac; done
            case $p in *{{AnyCase("password")}}*:) ;; *) exit 1 ;; esac
            p=${p%:}
            case ${p##*{{AnyCase("password")}}} in *:*) exit 1 ;; esac
            """;
    }

    /// <summary>A case pattern matching the word in any case: "otp" becomes [oO][tT][pP]; a space is quoted.</summary>
    private static string AnyCase(string word)
    {
        var pattern = new StringBuilder();
        foreach (var c in word)
        {
            pattern.Append(char.IsLetter(c) ? $"[{c}{char.ToUpperInvariant(c)}]" : c == ' ' ? "\" \"" : c.ToString());
        }
        return pattern.ToString();
    }

    /// <summary>The prompt as the node sent it, cut short and with control characters made visible, for an error message.</summary>
    private static string Shown(string prompt)
    {
        var text = new string([.. prompt.Trim().Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
        return prompt.Trim().Length > 80 ? text + "..." : text;
    }

    [GeneratedRegex(@"password[^:]*:\s*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PasswordPrompt();
}
