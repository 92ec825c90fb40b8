namespace ProxmoxMcp.Safety;

/// <summary>The policy's answer for one request: allowed, or refused with the reason.</summary>
public sealed record PolicyDecision(bool Allowed, string Reason)
{
    public static PolicyDecision Allow(string reason) => new(true, reason);

    public static PolicyDecision Refuse(string reason) => new(false, reason);
}
