namespace ProxmoxMcp.Tools;

/// <summary>What guest_details reads about a guest.</summary>
public enum GuestAspect
{
    Firewall,
    Agent,
    Rrd,
    Pending,
}
