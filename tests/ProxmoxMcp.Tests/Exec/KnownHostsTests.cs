using System.Security.Cryptography;
using System.Text;
using ProxmoxMcp.Exec;

namespace ProxmoxMcp.Tests.Exec;

/// <summary>known_hosts read as ssh reads it for a strict check.</summary>
public sealed class KnownHostsTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(51);
    private static readonly byte[] Other = RandomNumberGenerator.GetBytes(51);
    private static readonly string Blob = Convert.ToBase64String(Key);
    private static readonly string OtherBlob = Convert.ToBase64String(Other);

    [Theory]
    [InlineData("pve1 ssh-ed25519 {key}", "pve1", "Trusted")]
    [InlineData("pve1,10.0.0.11 ssh-ed25519 {key} root@pve1", "10.0.0.11", "Trusted")]
    [InlineData("[pve1]:2222 ssh-ed25519 {key}", "[pve1]:2222", "Trusted")]
    [InlineData("[pve1]:2222 ssh-ed25519 {key}", "pve1", "Unknown")]
    [InlineData("pve* ssh-ed25519 {key}", "pve2", "Trusted")]
    [InlineData("pve?,!pve3 ssh-ed25519 {key}", "pve3", "Unknown")]
    [InlineData("pve1 ssh-ed25519 {other}", "pve1", "Changed")]
    [InlineData("pve1 ssh-rsa {other}", "pve1", "Unknown")]
    [InlineData("pve1 ssh-ed25519 {key}\n@revoked pve1 ssh-ed25519 {key}", "pve1", "Revoked")]
    [InlineData("@cert-authority *.lan ssh-ed25519 {key}", "pve1.lan", "Unknown")]
    [InlineData("# pve1 ssh-ed25519 {key}\n\nnot a line", "pve1", "Unknown")]
    public void Lines_are_matched_as_ssh_matches_them(string file, string host, string expected)
    {
        var known = KnownHosts.Parse(file.Replace("{key}", Blob, StringComparison.Ordinal).Replace("{other}", OtherBlob, StringComparison.Ordinal));

        known.Check(host, "ssh-ed25519", Key).ToString().ShouldBe(expected);
    }

    [Fact]
    public void Hashed_names_match_only_their_host()
    {
        var salt = RandomNumberGenerator.GetBytes(20);
        var hash = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes("[10.0.0.11]:22022"));
        var known = KnownHosts.Parse($"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)} ssh-ed25519 {Blob}");

        known.Check("[10.0.0.11]:22022", "ssh-ed25519", Key).ShouldBe(HostKeyVerdict.Trusted);
        known.Check("10.0.0.11", "ssh-ed25519", Key).ShouldBe(HostKeyVerdict.Unknown);
    }
}
