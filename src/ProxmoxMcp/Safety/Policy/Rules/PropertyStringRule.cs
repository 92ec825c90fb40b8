namespace ProxmoxMcp.Safety.Policy.Rules;

/// <summary>
/// A Proxmox property string, <c>key=value,key=value</c>: only the reviewed keys, each value held to
/// its own rule, no key twice. Keys listed as bare may also stand alone or carry the value first
/// (a VM NIC's model: <c>virtio</c> or <c>virtio=BC:24:11:00:00:01</c>).
/// </summary>
public sealed class PropertyStringRule : ParameterRule
{
    private readonly IReadOnlyDictionary<string, ParameterRule> _keys;
    private readonly IReadOnlySet<string> _bare;
    private readonly string _example;

    public PropertyStringRule(IReadOnlyDictionary<string, ParameterRule> keys, string example, IEnumerable<string>? bare = null)
    {
        _keys = keys;
        _bare = new HashSet<string>(bare ?? [], StringComparer.Ordinal);
        _example = example;
    }

    public IEnumerable<string> Keys => _keys.Keys;

    public override string? Problem(string value)
    {
        if (value.Length is 0 or > 1024 || value.Any(char.IsControl))
        {
            return "must be one line of key=value items";
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in value.Split(','))
        {
            var parts = item.Split('=', 2);
            var key = parts[0];
            if (!_keys.TryGetValue(key, out var rule))
            {
                return $"'{key}' is not an item this server sets here (allowed: {string.Join(", ", _keys.Keys.Order(StringComparer.Ordinal))})";
            }
            if (!seen.Add(key))
            {
                return $"'{key}' is given twice";
            }
            if (parts.Length == 1)
            {
                if (!_bare.Contains(key))
                {
                    return $"'{key}' needs a value ({key}=...)";
                }
                continue;
            }
            if (rule.Problem(parts[1]) is { } problem)
            {
                return $"{key} {problem}";
            }
        }
        return null;
    }

    public override string Canonical =>
        "props(" + string.Join(",", _keys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => (_bare.Contains(k.Key) ? "[" + k.Key + "]" : k.Key) + "=" + k.Value.Canonical)) + ")";

    public override string Example => _example;
}
