using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Exec;

/// <summary>
/// OpenSSH's known_hosts format, read the way ssh reads it for a strict check: host patterns (plain,
/// <c>[host]:port</c>, <c>*</c>/<c>?</c> wildcards, <c>!</c> negation), hashed entries
/// (<c>|1|salt|hash</c>: HMAC-SHA1 of the name), and <c>@revoked</c> lines. A key is trusted only when a
/// line for the host names exactly that key; a revoked key is refused even if another line trusts it.
/// </summary>
public sealed class KnownHosts
{
    private readonly List<Entry> _entries;

    private KnownHosts(List<Entry> entries) => _entries = entries;

    public static KnownHosts Parse(string text)
    {
        var entries = new List<Entry>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var marker = fields[0].StartsWith('@') ? fields[0] : null;
            var offset = marker is null ? 0 : 1;
            if (fields.Length < offset + 3 || marker is not (null or "@revoked"))
            {
                // @cert-authority lines and malformed ones trust nothing here.
                continue;
            }
            entries.Add(new Entry(marker == "@revoked", fields[offset], fields[offset + 1], fields[offset + 2]));
        }
        return new KnownHosts(entries);
    }

    public static KnownHosts Load(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : Parse(string.Empty);

    /// <summary>
    /// The key's type as known_hosts writes it, read from the key blob itself (an RSA host key is
    /// "ssh-rsa" there whether the connection signs with rsa-sha2-256 or rsa-sha2-512).
    /// </summary>
    public static string? KeyTypeOf(byte[] blob)
    {
        if (blob.Length < 4)
        {
            return null;
        }
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(blob);
        return length is > 0 and < 64 && blob.Length >= 4 + length ? Encoding.ASCII.GetString(blob, 4, length) : null;
    }

    /// <summary>What the file says of this key offered by this host (its known_hosts name: host, or [host]:port).</summary>
    public HostKeyVerdict Check(string hostName, string keyType, byte[] key)
    {
        keyType = KeyTypeOf(key) ?? keyType;
        var blob = Convert.ToBase64String(key);
        var forHost = _entries.Where(e => e.Matches(hostName)).ToList();
        if (forHost.Any(e => e.Revoked && e.Key == blob))
        {
            return HostKeyVerdict.Revoked;
        }
        if (forHost.Any(e => !e.Revoked && e.KeyType == keyType && e.Key == blob))
        {
            return HostKeyVerdict.Trusted;
        }
        return forHost.Any(e => !e.Revoked && e.KeyType == keyType) ? HostKeyVerdict.Changed : HostKeyVerdict.Unknown;
    }

    private sealed record Entry(bool Revoked, string Hosts, string KeyType, string Key)
    {
        public bool Matches(string name)
        {
            if (Hosts.StartsWith("|1|", StringComparison.Ordinal))
            {
                var parts = Hosts.Split('|');
                if (parts.Length != 4)
                {
                    return false;
                }
                try
                {
                    var hash = HMACSHA1.HashData(Convert.FromBase64String(parts[2]), Encoding.UTF8.GetBytes(name));
                    return CryptographicOperations.FixedTimeEquals(hash, Convert.FromBase64String(parts[3]));
                }
                catch (FormatException)
                {
                    return false;
                }
            }
            var matched = false;
            foreach (var pattern in Hosts.Split(','))
            {
                var negated = pattern.StartsWith('!');
                if (Wildcard(negated ? pattern[1..] : pattern, name))
                {
                    if (negated)
                    {
                        return false;
                    }
                    matched = true;
                }
            }
            return matched;
        }

        private static bool Wildcard(string pattern, string name) =>
            Regex.IsMatch(name, "^" + Regex.Escape(pattern.ToLowerInvariant()).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "\\z",
                RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
    }
}

/// <summary>The outcome of a host key check.</summary>
public enum HostKeyVerdict
{
    Trusted,

    /// <summary>No line for this host names a key of this type.</summary>
    Unknown,

    /// <summary>The host is known with another key of this type: the key changed.</summary>
    Changed,

    /// <summary>A @revoked line names this key.</summary>
    Revoked,
}
