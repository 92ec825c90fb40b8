using System.Globalization;
using System.Text;

namespace ProxmoxMcp.Safety;

/// <summary>
/// What a person or a model reads must look like what was sent or refused: characters that reorder or
/// hide text (right-to-left overrides, zero-width and other format characters, separators, controls such
/// as \r or U+0085) are shown as \uXXXX instead of acting on the rest of the line. Without this a refused
/// tag "web\u0085" reads as the valid "web".
/// </summary>
public static class VisibleText
{
    public static string Of(string text, bool keepLineBreaks = false)
    {
        if (!text.Any(c => Hidden(c) && !(keepLineBreaks && c == '\n')))
        {
            return text;
        }
        var shown = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Hidden(c) && !(keepLineBreaks && c == '\n'))
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                shown.Append(c);
            }
        }
        return shown.ToString();
    }

    private static bool Hidden(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
}
