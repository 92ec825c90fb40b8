using System.Text.Json;
using System.Text.Json.Nodes;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Audit;

/// <summary>
/// Makes tool arguments safe to record and to show: values of keys that name a password, secret or
/// token become "***", SSH public keys are cut to their type and a short head, and the server's own
/// secrets (API token, SSH password) are replaced wherever they appear, in any string.
/// </summary>
public sealed class ArgumentMasker(ProxmoxOptions options)
{
    public const string Masked = "***";

    private static readonly string[] SecretWords = ["password", "passwd", "secret", "token", "cipassword"];

    public JsonObject Mask(IReadOnlyDictionary<string, JsonElement>? arguments)
    {
        var masked = new JsonObject();
        foreach (var (key, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            masked[key] = MaskValue(key, value);
        }
        return masked;
    }

    /// <summary>The server's own secrets, replaced in free text (error messages, command lines).</summary>
    public string MaskText(string text)
    {
        foreach (var secret in new[] { options.TokenValue, options.Ssh.Password })
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

    private JsonNode? MaskValue(string key, JsonElement value)
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
                JsonValueKind.Array => new JsonArray(value.EnumerateArray().Select(item => (JsonNode?)(item.ValueKind == JsonValueKind.String ? ShortenKeys(item.GetString()!) : Masked)).ToArray()),
                _ => Masked,
            };
        }
        return value.ValueKind switch
        {
            JsonValueKind.Object => new JsonObject(value.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, MaskValue(p.Name, p.Value)))),
            JsonValueKind.Array => new JsonArray(value.EnumerateArray().Select(item => MaskValue(key, item)).ToArray()),
            JsonValueKind.String => MaskText(value.GetString()!),
            _ => JsonNode.Parse(value.GetRawText()),
        };
    }

    private static bool IsSecretKey(string key) =>
        SecretWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static bool IsSshKeyKey(string key) =>
        key.Contains("ssh", StringComparison.OrdinalIgnoreCase) && key.Contains("key", StringComparison.OrdinalIgnoreCase);

    /// <summary>"ssh-ed25519 AAAAC3Nz…(68 chars) user@host" per line: enough to tell keys apart, not to reuse one.</summary>
    private static string ShortenKeys(string keys) => string.Join("\n", keys.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
    {
        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length < 2
            ? $"({line.Length} chars)"
            : $"{parts[0]} {parts[1][..Math.Min(12, parts[1].Length)]}…({parts[1].Length} chars){(parts.Length > 2 ? " " + parts[2] : string.Empty)}";
    }));
}
