namespace ProxmoxMcp.Sandbox.State;

/// <summary>One line of a node's systemd journal.</summary>
public sealed record JournalEntry(DateTimeOffset Time, string Identifier, int Pid, string Message);
