namespace ProxmoxMcp.Tools;

/// <summary>The guest OS type of a new VM (Proxmox tunes the virtual hardware to it).</summary>
public enum VmOsType
{
    /// <summary>Linux 2.6 and later.</summary>
    L26,
    Win11,
    Win10,
    Other,
}
