using System.Text.RegularExpressions;

namespace ProxmoxMcp.Safety.Policy.Rules;

/// <summary>OpenSSH public key lines, newline-separated; URL-encoded where Proxmox stores them that way (a VM's cloud-init sshkeys).</summary>
public sealed class SshKeysRule(bool urlEncoded) : ParameterRule
{
    private static readonly Regex Key = new(
        @"^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\r\n]{0,200})?$",
        RegexOptions.CultureInvariant);

    public override string? Problem(string value)
    {
        if (value.Length > 65536)
        {
            return "is too long";
        }
        string text;
        try
        {
            text = urlEncoded ? Uri.UnescapeDataString(value) : value;
        }
        catch (UriFormatException)
        {
            return "is not URL-encoded";
        }
        if (urlEncoded && !string.Equals(Uri.EscapeDataString(text), value, StringComparison.Ordinal))
        {
            return "must be URL-encoded";
        }
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length is 0 or > 20 || lines.Any(l => !Key.IsMatch(l.TrimEnd('\r')))
            ? "must be 1 to 20 OpenSSH public key lines"
            : null;
    }

    public override bool AllowsLineBreaks => !urlEncoded;

    public override string Canonical => urlEncoded ? "ssh-keys(urlencoded)" : "ssh-keys";

    public override string Example
    {
        get
        {
            const string key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLEKEYFORTESTSONLYEXAMPLEKEYFORTESTS12 user@host";
            return urlEncoded ? Uri.EscapeDataString(key) : key;
        }
    }
}
