using System.Globalization;
using System.Net;

namespace ProxmoxMcp.Hosting.Http;

/// <summary>
/// The Host header values <c>serve --http</c> answers to. DNS rebinding points a name the attacker
/// owns at 127.0.0.1, so a web page's requests arrive with that foreign name in Host: only names the
/// operator listed (PROXMOX_MCP_ALLOWED_HOSTS, e.g. the reverse proxy's public name), loopback names
/// and IP literals (an address cannot be rebound) are answered.
/// </summary>
public sealed class AllowedHosts
{
    private readonly IReadOnlyList<(string Name, int? Port)> _entries;

    private AllowedHosts(IReadOnlyList<(string Name, int? Port)> entries) => _entries = entries;

    public static AllowedHosts LoopbackOnly { get; } = new([]);

    /// <summary>The names as configured, for messages.</summary>
    public IEnumerable<string> Names => _entries.Select(e => e.Port is { } port ? $"{e.Name}:{port}" : e.Name);

    /// <summary>Comma-separated names, each with an optional port: <c>mcp.example.com,proxy.lan:8443</c>.</summary>
    public static bool TryParse(string? text, out AllowedHosts? hosts, out string? problem)
    {
        hosts = LoopbackOnly;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var entries = new List<(string, int?)>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TrySplit(raw, out var name, out var port) || !IsHostName(name))
            {
                hosts = null;
                problem = $"'{raw}' is not a host name with an optional port (e.g. mcp.example.com or mcp.example.com:443)";
                return false;
            }
            entries.Add((name, port));
        }
        hosts = new AllowedHosts(entries);
        return true;
    }

    /// <summary>Whether a request with this Host header is answered.</summary>
    public bool Allows(string? hostHeader)
    {
        if (string.IsNullOrEmpty(hostHeader))
        {
            // HTTP/1.0 without Host: not a browser, so not a rebinding page.
            return true;
        }
        if (!TrySplit(hostHeader, out var name, out var port))
        {
            return false;
        }
        if (name == "localhost" || IPAddress.TryParse(name.Trim('[', ']'), out _))
        {
            return true;
        }
        return _entries.Any(e => e.Name == name && (e.Port is null || e.Port == port));
    }

    /// <summary>Whether the operator listed this name (for web origins: loopback is decided by the caller, IP literals are not listed).</summary>
    public bool Lists(string name, int port) =>
        _entries.Any(e => e.Name == name.ToLowerInvariant() && (e.Port is null || e.Port == port));

    private static bool TrySplit(string text, out string name, out int? port)
    {
        text = text.Trim().ToLowerInvariant();
        name = text;
        port = null;
        var colon = text.LastIndexOf(':');
        // An IPv6 literal is bracketed; its colons are not a port separator.
        if (colon > 0 && colon > text.LastIndexOf(']'))
        {
            if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > 65535)
            {
                return false;
            }
            name = text[..colon];
            port = parsed;
        }
        return name.Length > 0;
    }

    private static bool IsHostName(string name) =>
        (name.StartsWith('[') && name.EndsWith(']') && IPAddress.TryParse(name[1..^1], out _))
        || (name.Length <= 253 && name.Split('.').All(label =>
            label.Length is >= 1 and <= 63 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && label[0] != '-' && label[^1] != '-'));
}
