namespace ProxmoxMcp.Tools;

/// <summary>Backup compression.</summary>
public enum BackupCompression
{
    Zstd,
    Gzip,
    Lzo,
    None,
}
