using System.Text.RegularExpressions;

namespace ProxmoxMcp.Safety.Policy.Rules;

/// <summary>A value matching a reviewed pattern, described in words for the error.</summary>
public sealed class PatternRule(string pattern, string what, string example, int maxLength = 1024) : ParameterRule
{
    private readonly Regex _regex = new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public string Pattern { get; } = pattern;

    public override string? Problem(string value) =>
        value.Length <= maxLength && _regex.IsMatch(value) ? null : $"must be {what}";

    public override string Canonical => $"pattern({Pattern},max={maxLength})";

    public override string Example { get; } = example;
}
