namespace ProxmoxMcp.Exec;

/// <summary>The command could not be run at all (SSH refused, host key mismatch, agent missing); the message says why.</summary>
public sealed class ExecFailedException(string message) : Exception(message);
