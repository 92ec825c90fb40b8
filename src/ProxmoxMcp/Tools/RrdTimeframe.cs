namespace ProxmoxMcp.Tools;

/// <summary>The span of usage history guest_details summarises.</summary>
public enum RrdTimeframe
{
    Hour,
    Day,
}
