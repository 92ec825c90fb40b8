namespace ProxmoxMcp.Tools;

/// <summary>Which guests a listing keeps, by power state.</summary>
public enum GuestStatusFilter
{
    Running,
    Stopped,
    Unknown,
}
