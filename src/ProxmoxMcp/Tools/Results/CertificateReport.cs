namespace ProxmoxMcp.Tools.Results;

/// <summary>A TLS certificate of a node.</summary>
/// <param name="File">The certificate file (pve-ssl.pem, pveproxy-ssl.pem, pve-root-ca.pem).</param>
/// <param name="Subject">Its subject.</param>
/// <param name="Issuer">Its issuer.</param>
/// <param name="NotAfter">When it expires.</param>
/// <param name="DaysLeft">Days until it expires (negative: expired).</param>
/// <param name="Names">Subject alternative names.</param>
/// <param name="Fingerprint">SHA-256 fingerprint.</param>
public sealed record CertificateReport(string File, string? Subject, string? Issuer, DateTimeOffset? NotAfter, int? DaysLeft, IReadOnlyList<string> Names, string? Fingerprint);
