namespace ProxmoxMcp.Safety.Policy;

/// <summary>
/// What one parameter may hold. A rule answers with the problem of a value, or null when the value
/// is allowed; its canonical text describes it in the policy's printed form and its example is a value
/// it accepts (the tests build valid requests from the examples).
/// </summary>
public abstract class ParameterRule
{
    /// <summary>Why <paramref name="value"/> is refused, or null when it is allowed. Never echoes a secret.</summary>
    public abstract string? Problem(string value);

    /// <summary>A stable description of the rule, e.g. <c>int(1..4094)</c>.</summary>
    public abstract string Canonical { get; }

    /// <summary>A value this rule accepts.</summary>
    public abstract string Example { get; }

    /// <summary>
    /// True for the few rules whose values may span lines (descriptions, SSH key lists). Every other value
    /// is refused with any control character in it, whatever its pattern says: a .NET pattern's "$"
    /// matches before a final line break, and Proxmox splits some lists (tags) on whitespace.
    /// </summary>
    public virtual bool AllowsLineBreaks => false;

    /// <summary>True for values that must never appear in messages or logs.</summary>
    public virtual bool IsSecret => false;

    public override string ToString() => Canonical;
}
