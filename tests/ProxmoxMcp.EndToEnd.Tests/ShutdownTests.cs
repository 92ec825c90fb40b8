using System.Diagnostics;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// MCP clients end servers with SIGTERM (or by closing stdin); users press Ctrl+C. Every long-running
/// mode must then exit promptly with code 0 and leave no process behind. The bound asserted here is a
/// generous ceiling against hangs; the times measured are printed (the target is 2 s).
/// </summary>
public sealed class ShutdownTests(ITestOutputHelper output)
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    /// <summary>kill(1) through the shell, as a supervisor or a terminal would send it.</summary>
    private static int Kill(int pid, int signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", $"kill -{signal} {pid}" }, UseShellExecute = false })!;
        kill.WaitForExit();
        return kill.ExitCode;
    }

    public static TheoryData<string, string, int> Modes => new()
    {
        { "serve --sandbox (stdio)", "--sandbox serve", SigTerm },
        { "serve --sandbox (stdio)", "--sandbox serve", SigInt },
        { "serve --http --sandbox", "--sandbox serve --http --bind 127.0.0.1:0", SigTerm },
        { "serve --http --sandbox", "--sandbox serve --http --bind 127.0.0.1:0", SigInt },
        { "standalone sandbox", "sandbox", SigTerm },
        { "standalone sandbox", "sandbox", SigInt },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_signal_ends_the_process_promptly_with_exit_code_0(string mode, string arguments, int signal)
    {
        using var process = Start(arguments, out var ready);
        await ready.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        var watch = Stopwatch.StartNew();
        Kill(process.Id, signal).ShouldBe(0);
        var exited = await WaitAsync(process, TimeSpan.FromSeconds(10));
        watch.Stop();

        output.WriteLine($"{mode}: signal {signal} -> exit {(exited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")} after {watch.ElapsedMilliseconds} ms");
        exited.ShouldBeTrue($"{mode} still runs 10 s after signal {signal}");
        process.ExitCode.ShouldBe(0);
    }

    [Theory]
    [InlineData("serve --sandbox (stdio)", "--sandbox serve")]
    [InlineData("serve --http --sandbox", "--sandbox serve --http --bind 127.0.0.1:0")]
    [InlineData("standalone sandbox", "sandbox")]
    public async Task Closing_stdin_ends_the_process(string mode, string arguments)
    {
        using var process = Start(arguments, out var ready);
        await ready.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        var watch = Stopwatch.StartNew();
        process.StandardInput.Close();
        var exited = await WaitAsync(process, TimeSpan.FromSeconds(10));

        output.WriteLine($"{mode}: stdin closed -> exit {(exited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")} after {watch.ElapsedMilliseconds} ms");
        exited.ShouldBeTrue($"{mode} still runs 10 s after stdin closed");
        process.ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task A_call_in_flight_is_cancelled_and_does_not_hold_the_process()
    {
        using var process = Start("--sandbox serve", out var ready, new Dictionary<string, string> { ["PROXMOX_SANDBOX_TASK_SECONDS"] = "60" });
        await ready.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var stdin = process.StandardInput;
        await stdin.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        await stdin.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        // Starting VM 102 takes the sandbox a minute; the call waits for it.
        await stdin.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"start_vm","arguments":{"vmid":102,"timeout_seconds":120}}}""");
        await stdin.FlushAsync(TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        var watch = Stopwatch.StartNew();
        Kill(process.Id, SigTerm).ShouldBe(0);
        var exited = await WaitAsync(process, TimeSpan.FromSeconds(10));

        output.WriteLine($"stdio serve with a call waiting on a 60 s task: SIGTERM -> exit {(exited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")} after {watch.ElapsedMilliseconds} ms");
        exited.ShouldBeTrue("the server waited for the call instead of cancelling it");
        process.ExitCode.ShouldBe(0);
    }

    /// <summary>Starts the mode with piped stdio; ready completes once it has printed that it serves.</summary>
    private static Process Start(string arguments, out Task ready, Dictionary<string, string>? environment = null)
    {
        var standalone = arguments == "sandbox";
        var start = new ProcessStartInfo(BuiltProgram.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(standalone ? Path.Combine(AppContext.BaseDirectory, "ProxmoxMcp.Sandbox.dll") : BuiltProgram.ServerDll);
        if (!standalone)
        {
            foreach (var argument in arguments.Split(' '))
            {
                start.ArgumentList.Add(argument);
            }
        }
        start.Environment["PROXMOX_MCP_AUDIT_LOG"] = "off";
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        var signalled = new TaskCompletionSource();
        void Watch(string? line)
        {
            if (line is not null && (line.Contains("Press Ctrl+C", StringComparison.Ordinal) || line.Contains("Sandbox cluster at", StringComparison.Ordinal)
                || line.Contains("Serving MCP over", StringComparison.Ordinal)))
            {
                signalled.TrySetResult();
            }
        }
        process.OutputDataReceived += (_, e) => Watch(e.Data);
        process.ErrorDataReceived += (_, e) => Watch(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ready = signalled.Task;
        return process;
    }

    private static async Task<bool> WaitAsync(Process process, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
    }
}
