using System.Diagnostics;
using ProxmoxMcp.Exec;

namespace ProxmoxMcp.Tests.Exec;

/// <summary>Quoting checked by a real POSIX shell: what goes in comes out unchanged, and nothing runs.</summary>
public sealed class PosixShellTests
{
    public static TheoryData<string> Arguments => new()
    {
        "plain", "", " ", "with space", "it's", "''", "\"double\"", "$(touch /tmp/pmcp-owned)", "`id`", "; rm -rf /", "&& true", "| cat",
        "a\nb", "tab\there", "\\backslash\\", "$HOME", "*", "~", "#comment", "naïve ✓ 日本語", "'; echo pwned; '",
    };

    [Theory]
    [MemberData(nameof(Arguments))]
    public async Task Quoted_words_reach_the_program_literally(string argument)
    {
        var line = "printf '%s\\0' " + PosixShell.Join([argument, "end"]);
        var start = new ProcessStartInfo("/bin/sh", ["-c", line]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        output.Split('\0')[..2].ShouldBe([argument, "end"]);
        File.Exists("/tmp/pmcp-owned").ShouldBeFalse();
    }

    [Fact]
    public void Nul_bytes_are_refused()
    {
        Should.Throw<ArgumentException>(() => PosixShell.Quote("a\0b"));
    }
}
