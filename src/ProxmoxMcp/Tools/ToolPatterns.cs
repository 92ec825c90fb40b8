namespace ProxmoxMcp.Tools;

/// <summary>
/// Patterns tool parameters are checked against before any request is built: they keep names to
/// what Proxmox itself accepts, so "../", ";" or a line break never reach a path or a command.
/// </summary>
public static class ToolPatterns
{
    /// <summary>A node name (pve-node).</summary>
    public const string Node = "^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$";

    /// <summary>A storage id (pve-storage-id).</summary>
    public const string Storage = "^[a-z][a-z0-9_.-]{0,62}[a-z0-9]$";

    /// <summary>One Proxmox tag.</summary>
    public const string Tag = "^[a-zA-Z0-9_][a-zA-Z0-9_+.-]{0,63}$";

    /// <summary>A task id.</summary>
    public const string Upid = "^UPID:[a-zA-Z0-9-]+:[0-9A-Fa-f]{8}:[0-9A-Fa-f]{8,9}:[0-9A-Fa-f]{8}:[^:\\s]+:[^:\\s]*:[^:\\s]+:$";

    /// <summary>A substring to look for in guest names.</summary>
    public const string NameFilter = "^[A-Za-z0-9._ -]{1,64}$";

    /// <summary>A snapshot name (pve-configid, at most 40 characters).</summary>
    public const string SnapshotName = "^[a-zA-Z][a-zA-Z0-9_]{1,39}$";

    /// <summary>A guest or host name (dns-name).</summary>
    public const string HostName = "^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$";

    /// <summary>A container template volume: storage:vztmpl/file.</summary>
    public const string ContainerTemplate = "^[a-z][a-z0-9_.-]*[a-z0-9]:vztmpl/[A-Za-z0-9][A-Za-z0-9_.+-]*$";

    /// <summary>An ISO image volume: storage:iso/file.iso.</summary>
    public const string IsoImage = "^[a-z][a-z0-9_.-]*[a-z0-9]:iso/[A-Za-z0-9][A-Za-z0-9_.+-]*$";

    /// <summary>A Linux bridge or SDN vnet name.</summary>
    public const string Bridge = "^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$";

    /// <summary>dhcp, or a static IPv4 address with its prefix length.</summary>
    public const string Ipv4Config = "^(dhcp|(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}/([0-9]|[12][0-9]|3[0-2]))$";

    /// <summary>An IPv4 address.</summary>
    public const string Ipv4 = "^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}$";

    /// <summary>One OpenSSH public key line.</summary>
    public const string SshPublicKey = "^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\\.com) [A-Za-z0-9+/]+={0,3}( [^\\r\\n]{0,200})?$";

    /// <summary>A guest disk key.</summary>
    public const string DiskKey = "^((scsi|virtio|sata|ide|mp)[0-9]{1,3}|rootfs|efidisk0|tpmstate0)$";

    /// <summary>A disk size: +8G grows by 8 GiB; 40G is an absolute size, which must not be below the current one.</summary>
    public const string DiskSize = "^\\+?[0-9]{1,9}(\\.[0-9]{1,3})?[KMGT]?$";

    /// <summary>A resource pool.</summary>
    public const string Pool = "^[A-Za-z0-9_-]{1,64}$";

    /// <summary>A root password for a new container: printable, 5 to 128 characters.</summary>
    public const string Password = "^[^\\x00-\\x1f\\x7f]{5,128}$";

    /// <summary>Content types of a storage.</summary>
    public const string StorageContentType = "^(iso|vztmpl|backup|images|rootdir|snippets|import)$";
}
