namespace ProxmoxMcp.Sandbox.State;

/// <summary>A certificate file of a node, as /nodes/{node}/certificates/info lists it.</summary>
public sealed record NodeCertificate(string FileName, string Subject, string Issuer, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Fingerprint, IReadOnlyList<string> San);
