namespace ProxmoxMcp.Safety.Policy.Rules;

/// <summary>One of a reviewed set of values (a subset of the schema's enum).</summary>
public sealed class OneOfRule(params string[] values) : ParameterRule
{
    public IReadOnlyList<string> Values { get; } = values;

    public override string? Problem(string value) =>
        Values.Contains(value, StringComparer.Ordinal) ? null : $"must be one of {string.Join(", ", Values)}";

    public override string Canonical => $"oneof({string.Join("|", Values)})";

    public override string Example => Values[0];
}
