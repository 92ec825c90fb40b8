using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Exec;

/// <summary>
/// OpenSSH's known_hosts format, read the way ssh reads it for a strict check: host patterns (plain,
/// <c>[host]:port</c>, <c>*</c>/<c>?</c> wildcards, <c>!</c> negation), hashed entries
/// (<c>|1|salt|hash</c>: HMAC-SHA1 of the name), and <c>@revoked</c> lines, from one or more files (the
/// user's and the system-wide one) taken together. Host names are compared in lower case, as ssh
/// lowercases the name before it looks. A key is trusted only when a line for the host names exactly
/// that key; a revoked key is refused even if another line, in either file, trusts it. Certificate host
/// keys are never trusted: <c>@cert-authority</c> lines are read only to say so in the error.
/// </summary>
public sealed class KnownHosts
{
    private const string CertificateSuffix = "-cert-v01@openssh.com";

    private readonly List<Entry> _entries;

    private KnownHosts(List<Entry> entries) => _entries = entries;

    /// <param name="text">The file's content.</param>
    /// <param name="source">The file's name, for messages.</param>
    public static KnownHosts Parse(string text, string source = "known_hosts") => new(ParseEntries(text, source));

    /// <summary>The files taken together; a file that does not exist adds nothing.</summary>
    public static KnownHosts Load(params IEnumerable<string> paths) =>
        new([.. paths.Where(File.Exists).SelectMany(path => ParseEntries(File.ReadAllText(path), path))]);

    private static List<Entry> ParseEntries(string text, string source)
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
            if (fields.Length < offset + 3 || marker is not (null or "@revoked" or "@cert-authority"))
            {
                // Malformed lines, and markers ssh does not know, trust nothing.
                continue;
            }
            var kind = marker switch
            {
                "@revoked" => EntryKind.Revoked,
                "@cert-authority" => EntryKind.CertificateAuthority,
                _ => EntryKind.Key,
            };
            entries.Add(new Entry(kind, fields[offset], fields[offset + 1], fields[offset + 2], source));
        }
        return entries;
    }

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

    /// <summary>Whether a host key algorithm (or key type) is an OpenSSH certificate, e.g. <c>ssh-ed25519-cert-v01@openssh.com</c>.</summary>
    public static bool IsCertificate(string? keyType) => keyType?.EndsWith(CertificateSuffix, StringComparison.Ordinal) == true;

    /// <summary>What the files say of this key offered by this host (its known_hosts name: host, or [host]:port).</summary>
    public HostKeyVerdict Check(string hostName, string keyType, byte[] key) => Check(hostName, keyType, key, out _);

    /// <param name="hostName">The host's known_hosts name: host, or [host]:port.</param>
    /// <param name="keyType">The host key algorithm the connection negotiated.</param>
    /// <param name="key">The key blob the host offered.</param>
    /// <param name="file">The file whose line decided (revoked, trusted or changed), if one did.</param>
    public HostKeyVerdict Check(string hostName, string keyType, byte[] key, out string? file)
    {
        hostName = hostName.ToLowerInvariant();
        var blobType = KeyTypeOf(key);
        var blob = Convert.ToBase64String(key);
        var forHost = _entries.Where(e => e.Matches(hostName)).ToList();
        file = forHost.FirstOrDefault(e => e.Kind == EntryKind.Revoked && e.Key == blob)?.Source;
        if (file is not null)
        {
            return HostKeyVerdict.Revoked;
        }
        if (IsCertificate(keyType) || IsCertificate(blobType))
        {
            // SSH.NET hands over the certified key with the certificate's algorithm name: a line for that
            // plain key must not trust it by accident, and certificates are not checked against a CA here.
            return HostKeyVerdict.Certificate;
        }
        keyType = blobType ?? keyType;
        var keys = forHost.Where(e => e.Kind == EntryKind.Key && e.KeyType == keyType).ToList();
        file = keys.FirstOrDefault(e => e.Key == blob)?.Source;
        if (file is not null)
        {
            return HostKeyVerdict.Trusted;
        }
        file = keys.FirstOrDefault()?.Source;
        return file is null ? HostKeyVerdict.Unknown : HostKeyVerdict.Changed;
    }

    /// <summary>Whether a <c>@cert-authority</c> line names this host (it trusts nothing here, but the user may expect it to).</summary>
    public bool HasCertificateAuthorityFor(string hostName)
    {
        hostName = hostName.ToLowerInvariant();
        return _entries.Any(e => e.Kind == EntryKind.CertificateAuthority && e.Matches(hostName));
    }

    private enum EntryKind
    {
        Key,
        Revoked,
        CertificateAuthority,
    }

    private sealed record Entry(EntryKind Kind, string Hosts, string KeyType, string Key, string Source)
    {
        /// <param name="name">The host's known_hosts name, in lower case.</param>
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
            foreach (var pattern in Hosts.ToLowerInvariant().Split(','))
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
            Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "\\z",
                RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
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

    /// <summary>The host offered a certificate, which is never trusted here (refused, whatever the lines say).</summary>
    Certificate,
}
