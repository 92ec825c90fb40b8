using ProxmoxMcp.Safety;

namespace ProxmoxMcp.Tools.Support;

/// <summary>
/// Checks configuration options an agent passes by name before any request: every key must be in the
/// reviewed catalog, not one of the parameters that destroy data, and not one a typed parameter of the
/// same tool already covers; values must be single-line text of sane length.
/// </summary>
public static class ConfigOptionsValidator
{
    public static void Validate(IReadOnlyDictionary<string, string> options, IReadOnlySet<string> catalog, IReadOnlyCollection<string> typedKeys, string toolName, string guestNoun)
    {
        var problems = new List<string>();
        foreach (var (key, value) in options)
        {
            if (DestructivePolicy.ForbiddenParameters.Contains(key) || key.StartsWith("unused", StringComparison.Ordinal) || key is "digest" or "lock" or "template")
            {
                problems.Add($"'{key}' is refused: it can destroy, overwrite or lock data, which this server never does (a human can do it in the Proxmox UI)");
            }
            else if (key == "protection" && value.Trim() is not ("1" or "true"))
            {
                problems.Add("'protection' may only be turned on (1): turning it off lifts a guard a human set against removal");
            }
            else if (typedKeys.Contains(key))
            {
                problems.Add($"'{key}' has its own parameter in {toolName}; use that instead");
            }
            else if (!ConfigKeyCatalog.Allows(catalog, key))
            {
                problems.Add($"'{key}' is not a {guestNoun} option this server sets (allowed: {string.Join(", ", catalog.Order(StringComparer.Ordinal))})");
            }
            else if (value.Any(char.IsControl) && key != "description")
            {
                problems.Add($"'{key}' may not contain line breaks or control characters");
            }
            else if (value.Length > (key == "description" ? 8192 : 1024))
            {
                problems.Add($"'{key}' is too long");
            }
        }
        if (problems.Count > 0)
        {
            throw new ToolInputException($"{toolName} refused these options before sending anything:\n- " + string.Join("\n- ", problems));
        }
    }
}
