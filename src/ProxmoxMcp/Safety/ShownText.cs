using System.Globalization;
using System.Text;

namespace ProxmoxMcp.Safety;

/// <summary>
/// What a person or a model reads must look like what was sent or refused: characters that reorder or
/// hide text (right-to-left overrides, zero-width and other format characters, separators, controls such
/// as \r or U+0085) are written as escapes instead of acting on the rest of the line. Without this a
/// refused tag "web\u0085" reads as the valid "web".
/// </summary>
public static class ShownText
{
    /// <summary>
    /// A value as a person reads it in a question or a preview, on one line and whole: line breaks, tabs and
    /// other control characters are written as escapes (a value cannot start a line that looks like the
    /// question's own), characters that reorder or hide text and spaces other than ' ' as \uXXXX, and runs
    /// of four or more spaces as ⟨N spaces⟩ (padding cannot push the rest of a value out of sight).
    /// </summary>
    public static string Of(string value)
    {
        var shown = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ' ')
            {
                var run = 1;
                while (i + run < value.Length && value[i + run] == ' ')
                {
                    run++;
                }
                if (run >= 4)
                {
                    shown.Append(CultureInfo.InvariantCulture, $"⟨{run} spaces⟩");
                    i += run - 1;
                    continue;
                }
                shown.Append(' ', run);
                i += run - 1;
                continue;
            }
            switch (c)
            {
                case '\n':
                    shown.Append("\\n");
                    continue;
                case '\r':
                    shown.Append("\\r");
                    continue;
                case '\t':
                    shown.Append("\\t");
                    continue;
            }
            if (Hides(c) || char.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator)
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

    /// <summary>
    /// A message or a block of text that quotes values (a refusal, a preview): every hiding character as
    /// \uXXXX, its own line breaks kept where asked; unchanged when it holds none.
    /// </summary>
    public static string Text(string text, bool keepLineBreaks = false)
    {
        if (!text.Any(c => Hides(c) && !(keepLineBreaks && c == '\n')))
        {
            return text;
        }
        var shown = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Hides(c) && !(keepLineBreaks && c == '\n'))
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

    private static bool Hides(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
}
