using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;

namespace ProxmoxMcp.Exec;

/// <summary>
/// Turns a pinned host key fingerprint (PROXMOX_SSH_HOST_KEY_FINGERPRINT, "SHA256:...") into a
/// known_hosts file holding exactly the matching key: ssh-keyscan reads the host's keys, each is
/// fingerprinted here, and only a key whose fingerprint equals the pin is written. ssh then checks
/// the real connection against that file with StrictHostKeyChecking=yes.
/// </summary>
public sealed class HostKeyPins : IDisposable
{
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly string _directory = Directory.CreateTempSubdirectory("proxmox-mcp-hostkeys").FullName;

    public async Task<string> KnownHostsFileAsync(SshTarget target, string fingerprint, string keyscanCommand, CancellationToken cancellationToken)
    {
        var cacheKey = $"{target.KnownHostsName} {fingerprint}";
        if (_files.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }
        var start = new ProcessStartInfo(keyscanCommand)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-T", "5", "-p", target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--", target.Host })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new ExecFailedException($"Could not start {keyscanCommand}.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);

        var seen = new List<string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#')))
        {
            var parts = line.Split(' ');
            if (parts.Length < 3)
            {
                continue;
            }
            var actual = Fingerprint(parts[2]);
            seen.Add($"{parts[1]} {actual}");
            if (string.Equals(actual, fingerprint, StringComparison.Ordinal))
            {
                var file = Path.Combine(_directory, $"known_hosts_{_files.Count}");
                await File.WriteAllTextAsync(file, $"{target.KnownHostsName} {parts[1]} {parts[2]}\n", cancellationToken).ConfigureAwait(false);
                return _files.GetOrAdd(cacheKey, file);
            }
        }
        throw new ExecFailedException(seen.Count == 0
            ? $"Could not read the host keys of {target.Host}:{target.Port} to check them against PROXMOX_SSH_HOST_KEY_FINGERPRINT; is SSH reachable there?"
            : $"The host key of {target.Host}:{target.Port} does not match PROXMOX_SSH_HOST_KEY_FINGERPRINT {fingerprint} (it offers {string.Join(", ", seen)}); refusing to connect. If the node was reinstalled, check the new key and update the pin.");
    }

    /// <summary>OpenSSH's SHA256 fingerprint of a base64 key blob: "SHA256:" + unpadded base64 of the digest.</summary>
    public static string Fingerprint(string base64Blob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(base64Blob))).TrimEnd('=');

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
