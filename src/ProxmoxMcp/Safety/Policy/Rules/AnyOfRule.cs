namespace ProxmoxMcp.Safety.Policy.Rules;

/// <summary>A value any one of several rules accepts (a VM's ideN: a CD drive or a new disk).</summary>
public sealed class AnyOfRule(params ParameterRule[] rules) : ParameterRule
{
    public IReadOnlyList<ParameterRule> Rules { get; } = rules;

    public override string? Problem(string value)
    {
        string? first = null;
        foreach (var rule in Rules)
        {
            var problem = rule.Problem(value);
            if (problem is null)
            {
                return null;
            }
            first ??= problem;
        }
        return first;
    }

    public override string Canonical => "anyof(" + string.Join(" | ", Rules.Select(r => r.Canonical)) + ")";

    public override string Example => Rules[0].Example;
}
