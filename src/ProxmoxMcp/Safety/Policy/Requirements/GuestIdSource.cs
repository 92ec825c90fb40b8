namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>Where an operation names the guest it acts on.</summary>
public enum GuestIdSource
{
    /// <summary>The {vmid} of the path.</summary>
    Path,

    /// <summary>The vmid parameter (vzdump).</summary>
    VmidParameter,
}
