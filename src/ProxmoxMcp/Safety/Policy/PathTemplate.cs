using System.Text.RegularExpressions;

namespace ProxmoxMcp.Safety.Policy;

/// <summary>
/// A path template of the official schema, such as <c>/nodes/{node}/qemu/{vmid}/config</c>. A concrete
/// path matches when it has the same literal segments and each placeholder's decoded value fits that
/// placeholder's grammar (a node name, a vmid, a storage id, a task id, ...). The path is parsed once,
/// here: segments must be canonically escaped, so the path checked is byte for byte the path sent.
/// </summary>
public sealed partial class PathTemplate
{
    private readonly string[] _segments;

    public PathTemplate(string template)
    {
        if (!template.StartsWith('/'))
        {
            throw new ArgumentException($"A path template starts with '/': {template}", nameof(template));
        }
        Text = template;
        _segments = template == "/" ? [] : template[1..].Split('/');
        foreach (var segment in _segments.Where(s => s.StartsWith('{')))
        {
            if (!Grammars.ContainsKey(segment[1..^1]))
            {
                throw new ArgumentException($"No grammar for the placeholder {segment} in {template}.", nameof(template));
            }
        }
    }

    /// <summary>The template as the official schema writes it.</summary>
    public string Text { get; }

    /// <summary>Placeholder names, in order.</summary>
    public IEnumerable<string> Placeholders => _segments.Where(s => s.StartsWith('{')).Select(s => s[1..^1]);

    /// <summary>What each placeholder may hold once decoded.</summary>
    private static readonly Dictionary<string, Regex> Grammars = new(StringComparer.Ordinal)
    {
        ["node"] = NodeName(),
        ["vmid"] = Vmid(),
        ["storage"] = StorageId(),
        ["upid"] = TaskId(),
        ["snapname"] = ConfigId(),
        ["poolid"] = PoolId(),
        ["userid"] = UserId(),
        ["realm"] = ConfigId(),
        ["roleid"] = ConfigId(),
        ["groupid"] = ConfigId(),
        ["id"] = PlainName(),
        ["name"] = PlainName(),
        ["group"] = PlainName(),
        ["rule"] = PlainName(),
        ["sid"] = PlainName(),
        ["zone"] = PlainName(),
        ["vnet"] = PlainName(),
        ["subnet"] = PlainName(),
        ["iface"] = PlainName(),
        ["service"] = PlainName(),
        ["pos"] = Position(),
    };

    /// <summary>
    /// The decoded placeholder values when <paramref name="segments"/> (already split and decoded by
    /// <see cref="TryParse"/>) fit this template; null otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Match(IReadOnlyList<string> segments)
    {
        if (segments.Count != _segments.Length)
        {
            return null;
        }
        Dictionary<string, string>? values = null;
        for (var i = 0; i < _segments.Length; i++)
        {
            var template = _segments[i];
            if (template.StartsWith('{'))
            {
                var name = template[1..^1];
                if (!Grammars[name].IsMatch(segments[i]))
                {
                    return null;
                }
                (values ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = segments[i];
            }
            else if (!string.Equals(template, segments[i], StringComparison.Ordinal))
            {
                return null;
            }
        }
        return values ?? (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>
    /// Splits a concrete path into decoded segments, or says why it is not a plain API path: it must
    /// start with '/', hold no query, fragment, backslash, whitespace or control character, no empty or
    /// dot segment (plain or encoded), and every segment must be escaped exactly as the API client
    /// escapes it, so nothing between this check and the wire can read it differently.
    /// </summary>
    public static bool TryParse(string path, out IReadOnlyList<string> segments, out string? problem)
    {
        segments = [];
        problem = null;
        if (!path.StartsWith('/'))
        {
            problem = "API paths are relative to /api2/json and start with '/'";
            return false;
        }
        if (path.Length > 1024 || path.IndexOfAny(['?', '#', '\\']) >= 0 || path.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            problem = "the path holds a query, fragment, backslash, whitespace or control character, or is too long";
            return false;
        }
        if (path == "/")
        {
            return true;
        }
        var raw = path[1..].Split('/');
        var decoded = new string[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            string value;
            try
            {
                value = Uri.UnescapeDataString(raw[i]);
            }
            catch (UriFormatException)
            {
                problem = "the path holds a malformed escape";
                return false;
            }
            if (value.Length == 0 || value is "." or ".." || value.IndexOfAny(['/', '\\']) >= 0 || value.Any(char.IsControl))
            {
                problem = "the path holds an empty, dot or encoded-slash segment";
                return false;
            }
            if (!string.Equals(Uri.EscapeDataString(value), raw[i], StringComparison.Ordinal))
            {
                problem = $"the segment '{raw[i]}' is not escaped the way the API client escapes it";
                return false;
            }
            decoded[i] = value;
        }
        segments = decoded;
        return true;
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeName();

    [GeneratedRegex(@"^[1-9][0-9]{2,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex Vmid();

    [GeneratedRegex(@"^[a-z][a-z0-9_.-]{0,62}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex StorageId();

    [GeneratedRegex(@"^UPID:[a-zA-Z0-9-]+:[0-9A-Fa-f]{8}:[0-9A-Fa-f]{8,9}:[0-9A-Fa-f]{8}:[^:\s/]+:[^:\s/]*:[^:\s/]+:$", RegexOptions.CultureInvariant)]
    private static partial Regex TaskId();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9_-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigId();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PoolId();

    [GeneratedRegex(@"^[^\s@!:/]{1,64}@[A-Za-z0-9][A-Za-z0-9._-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserId();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainName();

    [GeneratedRegex(@"^[0-9]{1,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Position();
}
