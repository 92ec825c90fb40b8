namespace ProxmoxMcp.Tools;

/// <summary>What a storage volume holds, as Proxmox names content types.</summary>
public enum ContentType
{
    Iso,
    Vztmpl,
    Backup,
    Images,
    Rootdir,
    Snippets,
}
