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
    [InlineData("PVE1.Lan ssh-ed25519 {key}", "pve1.lan", "Trusted")]
    [InlineData("pve1.lan ssh-ed25519 {key}", "PVE1.LAN", "Trusted")]
    [InlineData("[pve1]:2222 ssh-ed25519 {key}\n@revoked [PVE1]:2222 ssh-ed25519 {key}", "[Pve1]:2222", "Revoked")]
    [InlineData("@cert-authority pve1 ssh-ed25519 {key}", "pve1", "Unknown")]
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

    [Fact]
    public void Hashed_names_match_whatever_the_case_of_the_name_asked_for()
    {
        // ssh lowercases the host name before it hashes it, so a hashed line holds the hash of the lower-case name.
        var known = KnownHosts.Parse($"{Hashed("[pve1.lan]:22022")} ssh-ed25519 {Blob}");

        known.Check("[PVE1.Lan]:22022", "ssh-ed25519", Key).ShouldBe(HostKeyVerdict.Trusted);
        known.Check("[pve1.lan]:22022", "ssh-ed25519", Key).ShouldBe(HostKeyVerdict.Trusted);
    }

    [Theory]
    [InlineData("pve1 ssh-ed25519 {key}", "Trusted")]
    [InlineData("@cert-authority pve1 ssh-ed25519 {key}", "Unknown")]
    [InlineData("@cert-authority * ssh-ed25519 {other}\npve1 ssh-ed25519 {key}", "Trusted")]
    public void A_certificate_host_key_is_never_trusted_whatever_the_lines_say(string file, string plainKey)
    {
        // SSH.NET reports a certificate by its algorithm name with the certified key's blob: a line
        // for that plain key, or a @cert-authority line (not checked here), must not trust it.
        var certified = KeyBlob("ssh-ed25519");
        var known = KnownHosts.Parse(file.Replace("{key}", Convert.ToBase64String(certified), StringComparison.Ordinal).Replace("{other}", OtherBlob, StringComparison.Ordinal));

        known.Check("pve1", "ssh-ed25519-cert-v01@openssh.com", certified).ShouldBe(HostKeyVerdict.Certificate);
        known.Check("pve1", "ssh-ed25519", KeyBlob("ssh-ed25519-cert-v01@openssh.com")).ShouldBe(HostKeyVerdict.Certificate);
        // The same key offered plainly is judged by the lines as usual.
        known.Check("pve1", "ssh-ed25519", certified).ToString().ShouldBe(plainKey);
    }

    [Fact]
    public void A_revoked_key_stays_revoked_when_offered_inside_a_certificate()
    {
        var known = KnownHosts.Parse($"@revoked * ssh-ed25519 {Blob}");

        known.Check("pve1", "ssh-ed25519-cert-v01@openssh.com", Key).ShouldBe(HostKeyVerdict.Revoked);
    }

    [Fact]
    public void Cert_authority_lines_are_found_for_the_error_message_only()
    {
        var known = KnownHosts.Parse($"@cert-authority *.lan ssh-ed25519 {Blob}");

        known.HasCertificateAuthorityFor("PVE1.lan").ShouldBeTrue();
        known.HasCertificateAuthorityFor("pve1").ShouldBeFalse();
        known.Check("pve1.lan", "ssh-ed25519", Key).ShouldBe(HostKeyVerdict.Unknown);
    }

    [Fact]
    public void The_system_wide_file_is_read_with_the_users_and_a_revocation_in_either_wins()
    {
        var directory = Directory.CreateTempSubdirectory("proxmox-mcp-known-hosts").FullName;
        try
        {
            string Write(string name, string text)
            {
                var path = Path.Combine(directory, name);
                File.WriteAllText(path, text.Replace("{key}", Blob, StringComparison.Ordinal).Replace("{other}", OtherBlob, StringComparison.Ordinal));
                return path;
            }
            var missing = Path.Combine(directory, "missing");
            var trusts = Write("trusts", "pve1 ssh-ed25519 {key}\n");
            var revokes = Write("revokes", "@revoked * ssh-ed25519 {key}\n");
            var changed = Write("changed", "pve1 ssh-ed25519 {other}\n");

            KnownHosts.Load(missing, trusts).Check("pve1", "ssh-ed25519", Key, out var trustedBy).ShouldBe(HostKeyVerdict.Trusted);
            trustedBy.ShouldBe(trusts);
            KnownHosts.Load(trusts, revokes).Check("pve1", "ssh-ed25519", Key, out var revokedBy).ShouldBe(HostKeyVerdict.Revoked);
            revokedBy.ShouldBe(revokes);
            KnownHosts.Load(revokes, trusts).Check("pve1", "ssh-ed25519", Key).ShouldBe(HostKeyVerdict.Revoked);
            KnownHosts.Load(changed, trusts).Check("pve1", "ssh-ed25519", Key).ShouldBe(HostKeyVerdict.Trusted);
            KnownHosts.Load(changed, missing).Check("pve1", "ssh-ed25519", Key, out var changedIn).ShouldBe(HostKeyVerdict.Changed);
            changedIn.ShouldBe(changed);
            KnownHosts.Load(missing).Check("pve1", "ssh-ed25519", Key).ShouldBe(HostKeyVerdict.Unknown);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Hashed(string name)
    {
        var salt = RandomNumberGenerator.GetBytes(20);
        return $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name)))}";
    }

    /// <summary>A key blob of the given type: the SSH string of the type, then key material.</summary>
    private static byte[] KeyBlob(string type)
    {
        var name = Encoding.ASCII.GetBytes(type);
        var blob = new byte[4 + name.Length + 32];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(blob, name.Length);
        name.CopyTo(blob, 4);
        RandomNumberGenerator.Fill(blob.AsSpan(4 + name.Length));
        return blob;
    }
}
