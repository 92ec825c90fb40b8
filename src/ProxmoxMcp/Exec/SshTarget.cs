namespace ProxmoxMcp.Exec;

/// <summary>Where an SSH command goes.</summary>
public sealed record SshTarget(string Host, int Port, string User)
{
    /// <summary>The name known_hosts files use: host, or [host]:port for a port other than 22.</summary>
    public string KnownHostsName => Port == 22 ? Host : $"[{Host}]:{Port}";

    public override string ToString() => $"{User}@{Host}:{Port}";
}
