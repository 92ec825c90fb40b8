namespace ProxmoxMcp.Tools;

/// <summary>A kind of cluster resource.</summary>
public enum ResourceType
{
    Node,
    Vm,
    Container,
    Storage,
}
