using System.Text;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// Every <c>--sandbox</c> command the README shows, read out of its shell blocks and run with the built
/// program: one-shot commands must exit 0, and a command that serves (no subcommand, or <c>serve</c>) must
/// answer an MCP client's tools/list. However the README shows the program (<c>dotnet run --project ... --</c>,
/// <c>proxmox-mcp</c>, <c>dnx ProxmoxMcp ... --</c>, behind <c>claude mcp add NAME --</c>), its arguments are what is run.
/// </summary>
public sealed partial class ReadmeCommandTests
{
    private static readonly string[] OneShot = ["call", "tools", "doctor", "settings", "audit"];

    [GeneratedRegex(@"```(?:sh|bash|shell)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    public static TheoryData<string> Commands()
    {
        var readme = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "README.md"));
        var commands = new TheoryData<string>();
        foreach (Match block in ShellBlock().Matches(readme))
        {
            foreach (var line in block.Groups[1].Value.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
            {
                var command = Regex.Replace(line, @"\s+#.*$", string.Empty).Trim();
                if (Words(command).Contains("--sandbox"))
                {
                    commands.Add(Regex.Replace(command, @"\s+", " "));
                }
            }
        }
        return commands;
    }

    [Fact]
    public void The_README_shows_sandbox_commands_of_each_kind()
    {
        var commands = Commands().Select(c => (string)c.Data).ToList();

        commands.Count.ShouldBeGreaterThanOrEqualTo(6);
        commands.ShouldContain(c => Program(c).Contains("call"));
        commands.ShouldContain(c => Program(c).Contains("doctor"));
        commands.ShouldContain(c => !Program(c).Any(OneShot.Contains));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task The_README_command_works(string command)
    {
        var arguments = Program(command);
        if (arguments.Any(OneShot.Contains))
        {
            var (code, output, error) = await BuiltProgram.RunAsync(Environment(), [.. arguments]);
            code.ShouldBe(0, $"{command}\n{output}\n{error}");
            return;
        }
        await using var client = await McpClient.CreateAsync(BuiltProgram.Stdio([.. arguments], Environment()), cancellationToken: TestContext.Current.CancellationToken);
        (await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).ShouldContain(t => t.Name == "list_vms", command);
    }

    /// <summary>The program's own arguments, whichever way the README starts it.</summary>
    private static List<string> Program(string command)
    {
        var words = Words(command);
        if (words is ["claude", "mcp", "add", ..])
        {
            words = words[(words.IndexOf("--") + 1)..];
        }
        return words switch
        {
            ["proxmox-mcp", .. var rest] => rest,
            ["dotnet", "run", ..] or ["dnx", ..] or ["dotnet", "dnx", ..] => words[(words.IndexOf("--") + 1)..],
            _ => throw new InvalidOperationException($"README command not understood: {command}"),
        };
    }

    private static Dictionary<string, string> Environment() => new()
    {
        ["PROXMOX_ENV_FILE"] = BuiltProgram.EmptyEnvFilePath,
        ["PROXMOX_SANDBOX_TASK_SECONDS"] = "0.2",
        ["PROXMOX_MCP_AUDIT_LOG"] = "off",
    };

    /// <summary>A shell line split into words, with single and double quotes as sh reads them.</summary>
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words;
    }
}
