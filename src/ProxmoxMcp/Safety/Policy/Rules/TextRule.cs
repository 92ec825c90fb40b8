namespace ProxmoxMcp.Safety.Policy.Rules;

/// <summary>Free text of bounded length: one line unless multi-line is allowed; never a NUL or other control character besides line breaks and tabs.</summary>
public sealed class TextRule(int maxLength, bool multiline = false, bool secret = false) : ParameterRule
{
    public override string? Problem(string value)
    {
        if (value.Length > maxLength)
        {
            return $"is longer than {maxLength} characters";
        }
        foreach (var c in value)
        {
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                return multiline ? "may not hold control characters" : "must be one line without control characters";
            }
        }
        return null;
    }

    public override bool IsSecret => secret;

    public override bool AllowsLineBreaks => multiline;

    public override string Canonical => $"{(secret ? "secret" : "text")}(max={maxLength}{(multiline ? ",multiline" : string.Empty)})";

    public override string Example => "example";
}
