using System.Globalization;
using System.Text;

namespace ProxmoxMcp.Safety.Confirmation;

/// <summary>
/// A value as a person reads it in a question or a preview, on one line and whole: line breaks, tabs and
/// other control characters are written as escapes (a value cannot start a line that looks like the
/// question's own), characters that reorder or hide text as \uXXXX, and runs of four or more spaces as
/// ⟨N spaces⟩ (padding cannot push the rest of a value out of sight).
/// </summary>
public static class ShownText
{
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
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
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
}
