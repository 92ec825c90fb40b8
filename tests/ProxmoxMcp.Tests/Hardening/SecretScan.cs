using System.Text.Json;

[assembly: AssemblyFixture(typeof(ProxmoxMcp.Tests.Hardening.SecretScan))]

namespace ProxmoxMcp.Tests.Hardening;

/// <summary>
/// Every server a test starts (<see cref="ServerHarness"/>) is scanned when it ends: everything it
/// logged (stderr lines, exception messages), every tool result a test received, and its audit file,
/// for the secrets it held: the API token secret, the login password (PROXMOX_PASSWORD) and every ticket
/// and CSRF token the sandbox handed out, the SSH password, and every password, passphrase or secret
/// passed as an argument. The whole run's total is written for CI's log; any hit fails the test
/// that caused it.
/// </summary>
public sealed class SecretScan : IDisposable
{
    private static long _servers;
    private static long _texts;
    private static long _hits;

    /// <summary>Secret values among tool arguments: keys naming a password, passphrase, secret or token.</summary>
    public static IEnumerable<string> ArgumentSecrets(IReadOnlyDictionary<string, object?>? arguments)
    {
        foreach (var (key, value) in arguments ?? new Dictionary<string, object?>())
        {
            var element = value is JsonElement json ? json : JsonSerializer.SerializeToElement(value);
            foreach (var secret in Secrets(key, element))
            {
                yield return secret;
            }
        }
    }

    /// <summary>Counts one server's scan; returns the places where a secret appeared.</summary>
    public static IReadOnlyList<string> Scan(IEnumerable<string> secrets, IEnumerable<(string Where, string Text)> texts)
    {
        var distinct = secrets.Where(s => s.Length >= 6).Distinct(StringComparer.Ordinal).ToList();
        var found = new List<string>();
        var count = 0;
        foreach (var (where, text) in texts)
        {
            count++;
            found.AddRange(distinct.Where(secret => text.Contains(secret, StringComparison.Ordinal)).Select(_ => where));
        }
        Interlocked.Increment(ref _servers);
        Interlocked.Add(ref _texts, count);
        Interlocked.Add(ref _hits, found.Count);
        return found;
    }

    public void Dispose() =>
        HardeningCounts.Report($"secrets: {_texts} log lines, tool results and audit lines of {_servers} test servers scanned for their token secret, login password, tickets, CSRF tokens, SSH password and secret arguments; secrets found: {_hits}");

    private static IEnumerable<string> Secrets(string key, JsonElement value)
    {
        var secretKey = new[] { "password", "passphrase", "secret", "token" }.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));
        switch (value.ValueKind)
        {
            case JsonValueKind.String when secretKey:
                yield return value.GetString()!;
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    foreach (var secret in Secrets(property.Name, property.Value))
                    {
                        yield return secret;
                    }
                }
                break;
        }
    }
}
