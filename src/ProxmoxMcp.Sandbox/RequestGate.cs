namespace ProxmoxMcp.Sandbox;

/// <summary>
/// Requests held before they are answered until a test releases them (<see cref="FaultInjector.Hold"/>):
/// a slow answer the test controls instead of a delay it guesses, to see what a caller does while one of
/// its requests is still on the wire.
/// </summary>
public sealed class RequestGate
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first matching request is being held.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Lets every held request, and every later one, go on to its answer.</summary>
    public void Release() => _released.TrySetResult();

    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        _arrived.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
