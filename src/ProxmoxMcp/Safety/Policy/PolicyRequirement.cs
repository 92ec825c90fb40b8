namespace ProxmoxMcp.Safety.Policy;

/// <summary>
/// A condition on settings or on the cluster's state that an allowed request must also meet, checked
/// once every parameter has passed its rule (as ASP.NET Core's authorization requirements: each must
/// pass; the first failure is the refusal).
/// </summary>
public abstract class PolicyRequirement
{
    /// <summary>Why the request is refused, or null when the requirement holds.</summary>
    public abstract Task<string?> CheckAsync(PolicyContext context);

    public abstract string Canonical { get; }
}
