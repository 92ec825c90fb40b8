namespace ProxmoxMcp.Tools;

/// <summary>
/// A result record that renders its own text for the model, where the generic one-line-per-item
/// rendering of <see cref="CompactText"/> would read badly.
/// </summary>
public interface ICompactText
{
    /// <summary>Short, line-oriented text; never a pretty-printed JSON dump.</summary>
    string ToCompactText();
}
