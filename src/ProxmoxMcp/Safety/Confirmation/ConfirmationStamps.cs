using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ProxmoxMcp.Safety.Confirmation;

/// <summary>
/// The request state of a question asked as an input-required result (clients of the 2026-07-28
/// revision over HTTP, where the server keeps nothing between requests): the client sends the state
/// back with the person's answer when it repeats the call. The state is signed with a key this process
/// alone holds, names the tool and a digest of its exact arguments, expires after the confirmation
/// timeout, and is accepted once: an answer cannot be forged, moved to other arguments or used twice.
/// </summary>
public sealed class ConfirmationStamps(TimeProvider time)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _redeemed = new(StringComparer.Ordinal);

    public ConfirmationStamps()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A new state for this question, valid for <paramref name="lifetime"/>; <paramref name="plan"/> is the digest of the changes it shows.</summary>
    public string Issue(string tool, IReadOnlyDictionary<string, JsonElement>? arguments, TimeSpan lifetime, string plan = "")
    {
        var payload = string.Join('|', Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), tool, Digest(arguments),
            (time.GetUtcNow() + lifetime).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Plan(plan));
        return Base64Url(Encoding.UTF8.GetBytes(payload)) + "." + Base64Url(Sign(payload));
    }

    /// <summary>Whether the state is one this process issued for exactly this call and these planned changes, unexpired and not used before.</summary>
    public StampCheck Redeem(string state, string tool, IReadOnlyDictionary<string, JsonElement>? arguments, string plan = "")
    {
        var now = time.GetUtcNow();
        foreach (var (nonce, until) in _redeemed)
        {
            if (until < now)
            {
                _redeemed.TryRemove(nonce, out _);
            }
        }
        var dot = state.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryFromBase64Url(state[..dot], out var payloadBytes) || !TryFromBase64Url(state[(dot + 1)..], out var signature))
        {
            return StampCheck.Invalid;
        }
        var payload = Encoding.UTF8.GetString(payloadBytes);
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload)))
        {
            return StampCheck.Invalid;
        }
        var parts = payload.Split('|');
        if (parts.Length != 5 || parts[1] != tool || parts[2] != Digest(arguments) || parts[4] != Plan(plan) || !long.TryParse(parts[3], out var expiresMs))
        {
            return StampCheck.Invalid;
        }
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(expiresMs);
        if (expires < now)
        {
            return StampCheck.Expired;
        }
        return _redeemed.TryAdd(parts[0], expires) ? StampCheck.Valid : StampCheck.Invalid;
    }

    /// <summary>The plan's digest kept to what a payload can hold ('|' separates its parts).</summary>
    private static string Plan(string plan) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plan)));

    private byte[] Sign(string payload) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload));

    /// <summary>The arguments as sent, key by key in ordinal order.</summary>
    private static string Digest(IReadOnlyDictionary<string, JsonElement>? arguments)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in (arguments ?? new Dictionary<string, JsonElement>()).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            text.Append(JsonSerializer.Serialize(name)).Append(':').Append(value.GetRawText()).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        bytes = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, bytes, out var written) && (bytes = bytes[..written]).Length > 0;
    }
}

/// <summary>The verdict on a returned request state.</summary>
public enum StampCheck
{
    Valid,

    /// <summary>Issued here for this call, but the answer came after the confirmation timeout.</summary>
    Expired,

    /// <summary>Not issued here, for other arguments, or already used.</summary>
    Invalid,
}
