using System.Globalization;

namespace ProxmoxMcp.Safety.Policy.Rules;

/// <summary>A whole number within bounds.</summary>
public sealed class IntRule(long minimum, long maximum) : ParameterRule
{
    public long Minimum { get; } = minimum;

    public long Maximum { get; } = maximum;

    public override string? Problem(string value) =>
        value.Length is > 0 and <= 19 && value.All(char.IsAsciiDigit) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number < Minimum || number > Maximum ? $"must be from {Minimum} to {Maximum}" : null
            : "must be a whole number";

    public override string Canonical => $"int({Minimum}..{Maximum})";

    public override string Example => Minimum.ToString(CultureInfo.InvariantCulture);
}
