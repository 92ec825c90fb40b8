using System.Diagnostics;
using ProxmoxMcp.Exec;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests.Exec;

/// <summary>
/// The remote command line both SSH clients send, run here with sh in a session of its own, as sshd
/// runs it: stdin open as the channel's input, and signals sent to the session's process group.
/// </summary>
public sealed class RemoteLineTests
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("HUP")]
    public async Task A_signal_to_the_sessions_process_group_ends_the_command_too(string signal)
    {
        // sshd delivers a `signal` request with killpg to the session's group; `timeout` runs in a group
        // of its own, so only the watchdog can pass the signal on to it.
        TestEnvironment.Require(!OperatingSystem.IsWindows() && File.Exists("/usr/bin/setsid") && File.Exists("/usr/bin/timeout"), "setsid and timeout (Linux)");
        var sleep = SshServer.UniqueSleep();
        using var session = StartSession(OpenSshRunner.RemoteLine(["sleep", sleep], TimeSpan.FromSeconds(120)));
        try
        {
            await SshServer.WaitForSleepAsync(sleep);

            await Kill(signal, -session.Id);

            await SshServer.ProcessesEndAsync(sleep, TimeSpan.FromSeconds(3));
        }
        finally
        {
            End(session);
        }
    }

    [Fact]
    public async Task The_end_of_input_alone_ends_the_command_without_the_timeout_backstop()
    {
        TestEnvironment.Require(!OperatingSystem.IsWindows() && File.Exists("/usr/bin/setsid"), "setsid (Linux)");
        var sleep = SshServer.UniqueSleep();
        using var session = StartSession(OpenSshRunner.WatchdogLine(["sleep", sleep]));
        try
        {
            await SshServer.WaitForSleepAsync(sleep);

            session.StandardInput.Close();

            await SshServer.ProcessesEndAsync(sleep, TimeSpan.FromSeconds(3));
        }
        finally
        {
            End(session);
        }
    }

    private static Process StartSession(string remoteLine)
    {
        var start = new ProcessStartInfo("/usr/bin/setsid") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "/bin/sh", "-c", remoteLine })
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start)!;
    }

    private static async Task Kill(string signal, int target)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, "--", target.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        kill.ExitCode.ShouldBe(0);
    }

    private static void End(Process session)
    {
        try
        {
            session.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
