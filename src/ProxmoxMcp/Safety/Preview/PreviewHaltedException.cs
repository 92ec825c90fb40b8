namespace ProxmoxMcp.Safety.Preview;

/// <summary>
/// Ends a dry run where the rest of the call depends on an answer only the real request gets (the pid of a
/// command started in a guest): everything up to here was recorded, nothing was sent or run.
/// </summary>
public sealed class PreviewHaltedException(string reason) : Exception(reason);
