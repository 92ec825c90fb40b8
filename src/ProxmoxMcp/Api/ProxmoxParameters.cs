using System.Collections;
using System.Globalization;

namespace ProxmoxMcp.Api;

/// <summary>
/// Request parameters in the form Proxmox expects: every value a string, booleans as 1/0,
/// arrays as repeated keys. Order is kept, so requests are reproducible in logs and tests.
/// </summary>
public sealed class ProxmoxParameters : IReadOnlyList<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    public int Count => _items.Count;

    public KeyValuePair<string, string> this[int index] => _items[index];

    /// <summary>The distinct keys, in first-seen order.</summary>
    public IEnumerable<string> Keys => _items.Select(p => p.Key).Distinct(StringComparer.Ordinal);

    public ProxmoxParameters Add(string key, string? value)
    {
        if (value is not null)
        {
            _items.Add(new(key, value));
        }
        return this;
    }

    public ProxmoxParameters Add(string key, long? value) =>
        value is null ? this : Add(key, value.Value.ToString(CultureInfo.InvariantCulture));

    public ProxmoxParameters Add(string key, double? value) =>
        value is null ? this : Add(key, value.Value.ToString("R", CultureInfo.InvariantCulture));

    public ProxmoxParameters Add(string key, bool? value) =>
        value is null ? this : Add(key, value.Value ? "1" : "0");

    /// <summary>An array parameter: one entry per item, as Proxmox reads arrays.</summary>
    public ProxmoxParameters AddEach(string key, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            _items.Add(new(key, value));
        }
        return this;
    }

    public bool Contains(string key) => _items.Exists(p => string.Equals(p.Key, key, StringComparison.Ordinal));

    public string? this[string key] => _items.FindLast(p => string.Equals(p.Key, key, StringComparison.Ordinal)).Value;

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
