using System.Text.Json;
using System.Text.Json.Nodes;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Audit;

/// <summary>
/// Makes tool arguments safe to record and to show: values of keys that name a password, secret or
/// token become "***", SSH public keys are shown as their type, fingerprint and comment, and the
/// server's own secrets (API token, SSH password) are replaced wherever they appear, in any string.
/// </summary>
public sealed class ArgumentMasker(ProxmoxOptions options)
{
    public const string Masked = "***";

    private static readonly string[] SecretWords = ["password", "passwd", "secret", "token", "cipassword"];

    /// <summary>A string longer than this is kept as its head, length and SHA-256: a call cannot flood the audit file.</summary>
    public const int MaxStringLength = 512;

    /// <summary>Arrays and objects longer than this keep their first items and say how many there were.</summary>
    public const int MaxItems = 64;

    private const int MaxDepth = 8;

    /// <summary>
    /// The arguments, masked and bounded. Total: whatever JSON arrives (duplicate keys, lone surrogates,
    /// deep nesting), this returns a value, so the audit line and the confirmation summary always exist.
    /// </summary>
    /// <param name="arguments">The arguments as sent.</param>
    /// <param name="bounded">Cut long strings to head, length and SHA-256 (the audit); a question to a person shows them whole.</param>
    public JsonObject Mask(IReadOnlyDictionary<string, JsonElement>? arguments, bool bounded = true)
    {
        var masked = new JsonObject();
        var count = 0;
        foreach (var (key, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            if (++count > MaxItems)
            {
                masked["(more)"] = $"{arguments!.Count - MaxItems} more arguments";
                break;
            }
            masked[bounded ? Bounded(key) : key] = MaskValue(key, value, 0, bounded);
        }
        return masked;
    }

    /// <summary>The server's own secrets, replaced in free text (error messages, command lines).</summary>
    public string MaskText(string text)
    {
        foreach (var secret in new[] { options.TokenValue, options.Password, options.Ssh.Password })
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
            {
                text = text.Replace(secret, Masked, StringComparison.Ordinal);
            }
        }
        return text;
    }

    /// <summary>
    /// Free text about a call (its error message), with the server's secrets and the call's own secret
    /// arguments replaced: messages may echo a value, whole or cut short ("hunter2hun...").
    /// </summary>
    public string MaskText(string text, IReadOnlyDictionary<string, JsonElement>? arguments)
    {
        text = MaskText(text);
        foreach (var secret in SecretValues(arguments).Where(v => v.Length >= 4).OrderByDescending(v => v.Length))
        {
            for (var length = secret.Length; length >= Math.Min(8, secret.Length); length--)
            {
                var at = text.IndexOf(secret[..length], StringComparison.Ordinal);
                if (at >= 0 && (length == secret.Length || text.AsSpan(at + length).StartsWith("...") || text.AsSpan(at + length).StartsWith("…")))
                {
                    text = text.Replace(secret[..length], Masked, StringComparison.Ordinal);
                    break;
                }
            }
        }
        return text;
    }

    private static IEnumerable<string> SecretValues(IReadOnlyDictionary<string, JsonElement>? arguments)
    {
        foreach (var (key, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            foreach (var secret in SecretValues(key, value))
            {
                yield return secret;
            }
        }
    }

    private static IEnumerable<string> SecretValues(string key, JsonElement value)
    {
        if (IsSecretKey(key) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            yield return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        }
        else if (IsSshKeyKey(key))
        {
            var texts = value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)
                : value.ValueKind == JsonValueKind.String ? [value.GetString()!] : [];
            foreach (var line in texts.SelectMany(t => t.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
                yield return parts.Length >= 2 ? parts[1] : line;
            }
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                foreach (var secret in SecretValues(property.Name, property.Value))
                {
                    yield return secret;
                }
            }
        }
    }

    private JsonNode? MaskValue(string key, JsonElement value, int depth, bool bounded = true)
    {
        try
        {
            if (IsSecretKey(key) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                return Masked;
            }
            if (IsSshKeyKey(key))
            {
                return value.ValueKind switch
                {
                    JsonValueKind.String => ShortenKeys(value.GetString()!),
                    JsonValueKind.Array => new JsonArray(value.EnumerateArray().Take(MaxItems).Select(item => (JsonNode?)(item.ValueKind == JsonValueKind.String ? ShortenKeys(item.GetString()!) : Masked)).ToArray()),
                    _ => Masked,
                };
            }
            if (depth >= MaxDepth && value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return $"(nested deeper than {MaxDepth} levels)";
            }
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    // Built key by key: JSON may repeat a key (the binder keeps the last), which the
                    // collection constructor would throw on.
                    var node = new JsonObject();
                    var properties = 0;
                    foreach (var property in value.EnumerateObject())
                    {
                        if (++properties > MaxItems)
                        {
                            node["(more)"] = "more properties";
                            break;
                        }
                        node[bounded ? Bounded(property.Name) : property.Name] = MaskValue(property.Name, property.Value, depth + 1, bounded);
                    }
                    return node;
                case JsonValueKind.Array:
                    var items = value.EnumerateArray().Take(MaxItems + 1).Select(item => MaskValue(key, item, depth + 1, bounded)).ToList();
                    if (items.Count > MaxItems)
                    {
                        items[MaxItems] = $"({value.GetArrayLength() - MaxItems} more items)";
                    }
                    return new JsonArray(items.ToArray());
                case JsonValueKind.String:
                    return bounded ? Bounded(MaskText(value.GetString()!)) : MaskText(value.GetString()!);
                case JsonValueKind.Number:
                    var raw = value.GetRawText();
                    return raw.Length <= 40 ? JsonNode.Parse(raw) : Bounded(raw);
                default:
                    return JsonNode.Parse(value.GetRawText());
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or JsonException or ArgumentException)
        {
            // A string that is not valid Unicode (a lone surrogate) cannot be decoded; say so instead.
            return $"(unreadable {value.ValueKind.ToString().ToLowerInvariant()}: {exception.GetType().Name})";
        }
    }

    /// <summary>Long text kept as its head, its length and its SHA-256, so it can still be matched against a copy.</summary>
    private static string Bounded(string text)
    {
        if (text.Length <= MaxStringLength)
        {
            return text;
        }
        var cut = MaxStringLength / 2;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        return $"{text[..cut]}…({text.Length} chars, sha256 {AuditChain.Sha256(text)[..16]})";
    }

    private static bool IsSecretKey(string key) =>
        SecretWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static bool IsSshKeyKey(string key) =>
        key.Contains("ssh", StringComparison.OrdinalIgnoreCase) && key.Contains("key", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// "ssh-ed25519 SHA256:… user@host" per line, the fingerprint ssh-keygen -l prints: what tells one key
    /// from another (a key's first characters only name its type, and its comment is any text). Proxmox's
    /// URL-encoded key lists (sshkeys) are read as the keys they hold.
    /// </summary>
    private static string ShortenKeys(string keys)
    {
        if (keys.Contains('%', StringComparison.Ordinal) && !keys.Contains(' ', StringComparison.Ordinal))
        {
            try
            {
                keys = Uri.UnescapeDataString(keys);
            }
            catch (UriFormatException)
            {
            }
        }
        return string.Join("\n", keys.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
        {
            var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                return $"(not a key: {line.Length} chars)";
            }
            var blob = new byte[parts[1].Length];
            var fingerprint = Convert.TryFromBase64String(parts[1], blob, out var length)
                ? "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(blob.AsSpan(0, length))).TrimEnd('=')
                : $"(unreadable key: {parts[1].Length} chars)";
            return $"{parts[0]} {fingerprint}{(parts.Length > 2 ? " " + parts[2] : string.Empty)}";
        }));
    }
}
