namespace ProxmoxMcp.Exec;

/// <summary>
/// Runs one command on a node over SSH, host key checked strictly, output bounded, the remote process
/// ended by timeout or cancellation. Two implementations pass the same tests: SSH.NET in process (the
/// default) and the system OpenSSH client (PROXMOX_SSH_CLIENT=openssh).
/// </summary>
public interface ISshRunner
{
    Task<ExecOutcome> RunAsync(SshTarget target, IReadOnlyList<string> command, TimeSpan timeout, int maxOutputBytes, CancellationToken cancellationToken);
}
