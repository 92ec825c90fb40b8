namespace ProxmoxMcp.Safety;

/// <summary>The policy's answer for one request: allowed, or refused with the reason (and the parameter at fault, when one is).</summary>
public sealed record PolicyDecision(bool Allowed, string Reason, string? Parameter = null)
{
    public static PolicyDecision Allow(string reason) => new(true, reason);

    public static PolicyDecision Refuse(string reason, string? parameter = null) => new(false, reason, parameter);
}
