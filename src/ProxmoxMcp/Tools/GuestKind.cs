namespace ProxmoxMcp.Tools;

/// <summary>A QEMU virtual machine or an LXC container.</summary>
public enum GuestKind
{
    Vm,
    Container,
}
