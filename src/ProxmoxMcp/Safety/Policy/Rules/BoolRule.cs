namespace ProxmoxMcp.Safety.Policy.Rules;

/// <summary>A boolean as Proxmox reads one (1/0, true/false, yes/no, on/off), optionally held to one value.</summary>
public sealed class BoolRule(bool allowTrue, bool allowFalse, string? why = null) : ParameterRule
{
    public bool AllowTrue { get; } = allowTrue;

    public bool AllowFalse { get; } = allowFalse;

    public static bool? Parse(string value) => value switch
    {
        "1" or "true" or "yes" or "on" => true,
        "0" or "false" or "no" or "off" => false,
        _ => null,
    };

    public override string? Problem(string value) => Parse(value) switch
    {
        null => "must be 1 or 0",
        true when !AllowTrue => "may only be 0" + (why is null ? string.Empty : ": " + why),
        false when !AllowFalse => "may only be 1" + (why is null ? string.Empty : ": " + why),
        _ => null,
    };

    public override string Canonical => (AllowTrue, AllowFalse) switch
    {
        (true, true) => "bool",
        (true, false) => "const(1)",
        _ => "const(0)",
    };

    public override string Example => AllowTrue ? "1" : "0";
}
