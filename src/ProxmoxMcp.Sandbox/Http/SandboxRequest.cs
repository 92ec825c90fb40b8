using System.Globalization;

namespace ProxmoxMcp.Sandbox.Http;

/// <summary>One validated API request: path values and parameters (all strings, arrays as lists), and who sent it.</summary>
public sealed class SandboxRequest(string method, string path, IReadOnlyDictionary<string, IReadOnlyList<string>> values, SandboxToken token)
{
    public string Method { get; } = method;

    public string Path { get; } = path;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; } = values;

    public SandboxToken Token { get; } = token;

    public string Node => Get("node")!;

    public int Vmid => (int)Int("vmid")!.Value;

    public bool Has(string key) => Values.ContainsKey(key);

    public string? Get(string key) => Values.TryGetValue(key, out var items) && items.Count > 0 ? items[^1] : null;

    public IReadOnlyList<string> All(string key) => Values.TryGetValue(key, out var items) ? items : [];

    public long? Int(string key) =>
        Get(key) is { } text ? long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;

    public bool Bool(string key, bool defaultValue = false) =>
        Get(key) is { } text ? text.ToLowerInvariant() is "1" or "true" or "yes" or "on" : defaultValue;

    /// <summary>Keys that are not path values.</summary>
    public IEnumerable<string> OptionKeys(params string[] except) =>
        Values.Keys.Where(k => !except.Contains(k, StringComparer.Ordinal));
}
