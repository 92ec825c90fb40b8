using ProxmoxMcp.Safety;
using ProxmoxMcp.Safety.Policy;

namespace ProxmoxMcp.Tools.Support;

/// <summary>
/// Checks the options an agent passes by name before any request is made, with the same rules the
/// safety policy applies to the request (one table, two walls): every key must be a parameter of the
/// operation, and not one a typed parameter of the tool already covers; every value must pass its
/// rule. The error names each refused option and why.
/// </summary>
public static class ConfigOptionsValidator
{
    public static void Validate(IReadOnlyDictionary<string, string> options, OperationRule operation, IReadOnlyCollection<string> typedKeys, string toolName, string guestNoun)
    {
        var problems = new List<string>();
        foreach (var (key, value) in options)
        {
            if (typedKeys.Contains(key))
            {
                problems.Add($"'{key}' has its own parameter in {toolName}; use that instead");
            }
            else if (operation.FindParameter(key) is not { } spec)
            {
                problems.Add(DestructivePolicy.NeverSentReason(key) is { } reason
                    ? $"'{key}' is refused: {reason}; this server never sets it (a human can, in the Proxmox UI)"
                    : $"'{key}' is not a {guestNoun} option this server sets (allowed: {string.Join(", ", Allowed(operation, typedKeys))})");
            }
            else if (spec.Rule.Problem(value) is { } problem)
            {
                problems.Add(spec.Rule.IsSecret ? $"'{key}' {problem}" : $"'{key}' = '{Shorten(value)}' refused: {key} {problem}");
            }
        }
        if (problems.Count > 0)
        {
            // Each line quotes what the agent sent: hidden characters are shown, or "web\u0085" reads as "web".
            throw new ToolInputException($"{toolName} refused these options before sending anything:\n- " + string.Join("\n- ", problems.Select(p => Safety.ShownText.Text(p))));
        }
    }

    /// <summary>The option names a tool accepts by name: the operation's parameters less its typed ones.</summary>
    public static IEnumerable<string> Allowed(OperationRule operation, IReadOnlyCollection<string> typedKeys) =>
        operation.Parameters.Select(p => p.Name).Where(n => !typedKeys.Contains(n) && n != "digest").Order(StringComparer.Ordinal);

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
