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
