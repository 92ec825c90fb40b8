using System.Runtime.InteropServices;

namespace ProxmoxMcp.Sandbox;

/// <summary>
/// How a long-running process learns it should stop: SIGTERM (what MCP clients and supervisors send),
/// SIGINT (Ctrl+C), SIGQUIT, and, when stdin is a pipe from a parent process, its end (the parent went
/// away). The token is cancelled once; the process then shuts down cleanly and exits 0. A stdin that is
/// a terminal or /dev/null is not watched (a background job or a service would stop at once).
/// Shared by the server and the standalone sandbox.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    public ShutdownSignal()
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    // Handled here: the process exits by returning from Main, with code 0, after disposing.
                    context.Cancel = true;
                    Request();
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // SIGQUIT does not exist on Windows; Ctrl+C and Ctrl+Break still arrive as SIGINT and SIGQUIT there.
            }
        }
    }

    public CancellationToken Token => _stop.Token;

    public bool Requested => _stop.IsCancellationRequested;

    public void Request()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Also stop when stdin, a pipe from the parent, reaches its end. For processes that do not read stdin themselves.</summary>
    public void StopAtEndOfPipedStdin()
    {
        if (!StdinIsPipe())
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await using var stdin = Console.OpenStandardInput();
                await stdin.CopyToAsync(Stream.Null, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            Request();
        });
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _stop.Dispose();
    }

    /// <summary>On Linux, fd 0 names its kind: "pipe:[n]" or "socket:[n]" for a parent's pipe; elsewhere, any redirected stdin but a file.</summary>
    private static bool StdinIsPipe()
    {
        if (!Console.IsInputRedirected)
        {
            return false;
        }
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var target = new FileInfo("/proc/self/fd/0").LinkTarget ?? string.Empty;
                return target.StartsWith("pipe:", StringComparison.Ordinal) || target.StartsWith("socket:", StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
        }
        return false;
    }
}
