namespace ProxmoxMcp.Sandbox.State;

/// <summary>A process started through the QEMU guest agent; forgotten once reported as exited, as QEMU does.</summary>
public sealed record AgentProcess(int Pid, int Vmid, DateTimeOffset ExitsAt, int ExitCode, string Out, string Err);
