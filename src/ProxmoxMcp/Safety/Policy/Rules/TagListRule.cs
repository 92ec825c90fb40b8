namespace ProxmoxMcp.Safety.Policy.Rules;

/// <summary>Proxmox tags separated by ';' (',' and spaces are read as separators too).</summary>
public sealed class TagListRule : ParameterRule
{
    private static readonly System.Text.RegularExpressions.Regex Tag = new("^[a-zA-Z0-9_][a-zA-Z0-9_+.-]{0,63}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static IReadOnlyList<string> Split(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries);

    public override string? Problem(string value)
    {
        var tags = Split(value);
        if (value.Length > 1024 || tags.Count > 64)
        {
            return "holds too many tags";
        }
        return tags.FirstOrDefault(t => !Tag.IsMatch(t)) is { } bad ? $"holds '{bad}', which is not a Proxmox tag (letters, digits, _ + . -)" : null;
    }

    public override string Canonical => "tags";

    public override string Example => "web;prod";
}
