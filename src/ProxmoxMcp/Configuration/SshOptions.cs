namespace ProxmoxMcp.Configuration;

/// <summary>How to reach nodes over SSH for <c>pct exec</c> (and <c>qm guest exec</c> when asked for).</summary>
public sealed record SshOptions
{
    /// <summary>Default SSH host (PROXMOX_SSH_HOST, default PROXMOX_HOST).</summary>
    public string? Host { get; init; }

    public int Port { get; init; } = 22;

    public string User { get; init; } = "root";

    public string? KeyFile { get; init; }

    /// <summary>Password login through SSH_ASKPASS. Never logged.</summary>
    public string? Password { get; init; }

    /// <summary>The known_hosts file to check host keys against (PROXMOX_SSH_KNOWN_HOSTS).</summary>
    public string? KnownHostsFile { get; init; }

    /// <summary>
    /// The system-wide known_hosts file, read beside <see cref="KnownHostsFile"/> (or ~/.ssh/known_hosts)
    /// as ssh reads it: Proxmox keeps the cluster's node keys there. Its @revoked lines count too.
    /// </summary>
    public string? GlobalKnownHostsFile { get; init; } = "/etc/ssh/ssh_known_hosts";

    /// <summary>A pinned host key fingerprint, <c>SHA256:...</c> (PROXMOX_SSH_HOST_KEY_FINGERPRINT).</summary>
    public string? HostKeyFingerprint { get; init; }

    /// <summary>Per-node SSH hosts (PROXMOX_SSH_HOSTS=pve1=10.0.0.1,pve2=10.0.0.2).</summary>
    public IReadOnlyDictionary<string, string> NodeHosts { get; init; } = new Dictionary<string, string>();

    /// <summary>The passphrase of <see cref="KeyFile"/> (PROXMOX_SSH_KEY_PASSPHRASE). Never logged.</summary>
    public string? KeyPassphrase { get; init; }

    /// <summary>Which SSH client runs commands (PROXMOX_SSH_CLIENT): SSH.NET in process, or the system OpenSSH.</summary>
    public SshClientKind Client { get; init; } = SshClientKind.SshNet;

    /// <summary>The ssh program (PROXMOX_SSH_COMMAND, default "ssh" on PATH).</summary>
    public string Command { get; init; } = "ssh";

    public string HostFor(string node, string fallback) =>
        NodeHosts.TryGetValue(node, out var host) ? host : Host ?? fallback;
}

/// <summary>PROXMOX_SSH_CLIENT: sshnet (in process, the default) or openssh (the system client: ~/.ssh/config, ProxyJump, ssh-agent).</summary>
public enum SshClientKind
{
    SshNet,
    OpenSsh,
}
