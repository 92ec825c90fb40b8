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
    public const string Tag = "^[a-z0-9_][a-z0-9_+.-]{0,63}$";

    /// <summary>A task id.</summary>
    public const string Upid = "^UPID:[a-zA-Z0-9-]+:[0-9A-Fa-f]{8}:[0-9A-Fa-f]{8,9}:[0-9A-Fa-f]{8}:[^:\\s]+:[^:\\s]*:[^:\\s]+:$";

    /// <summary>A substring to look for in guest names.</summary>
    public const string NameFilter = "^[A-Za-z0-9._ -]{1,64}$";

    /// <summary>A snapshot name (pve-configid, at most 40 characters).</summary>
    public const string SnapshotName = "^[a-zA-Z][a-zA-Z0-9_-]{1,39}$";

    /// <summary>A guest or host name (dns-name).</summary>
    public const string HostName = "^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$";

    /// <summary>Content types of a storage.</summary>
    public const string StorageContentType = "^(iso|vztmpl|backup|images|rootdir|snippets|import)$";
}
