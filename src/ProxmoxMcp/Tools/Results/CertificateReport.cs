namespace ProxmoxMcp.Tools.Results;

/// <summary>A TLS certificate of a node.</summary>
public sealed record CertificateReport(string File, string? Subject, string? Issuer, DateTimeOffset? NotAfter, int? DaysLeft, IReadOnlyList<string> Names, string? Fingerprint);
