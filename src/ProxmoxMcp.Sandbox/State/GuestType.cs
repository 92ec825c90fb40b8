namespace ProxmoxMcp.Sandbox.State;

/// <summary>QEMU virtual machine or LXC container; the API path segment is the lower-case name.</summary>
public enum GuestType
{
    Qemu,
    Lxc,
}
