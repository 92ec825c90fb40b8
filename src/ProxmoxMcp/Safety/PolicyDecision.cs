namespace ProxmoxMcp.Safety;

/// <summary>
/// The policy's answer for one request: allowed, or refused with the reason (and the parameter at fault, when one is).
/// A note qualifies an allowed request in a preview (checks that can run only once an earlier request took effect).
/// </summary>
public sealed record PolicyDecision(bool Allowed, string Reason, string? Parameter = null, string? Note = null)
{
    public static PolicyDecision Allow(string reason) => new(true, reason);

    /// <summary>A refusal; the reason often quotes the value refused, so hidden characters in it are shown.</summary>
    public static PolicyDecision Refuse(string reason, string? parameter = null) => new(false, ShownText.Text(reason), parameter);
}
