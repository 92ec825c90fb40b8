namespace ProxmoxMcp.Safety;

/// <summary>
/// A call the safety layers refused. Nothing was sent. The message says what was refused and why,
/// so the agent can tell the user that this is a human-only action.
/// </summary>
public sealed class SafetyRefusedException(string message) : Exception(message);
