namespace ProxmoxMcp.Tools.Results;

/// <summary>One change request the real call would send, secrets masked, with the policy's verdict.</summary>
public sealed record PreviewRequest(string Method, string Path, IReadOnlyList<string> Parameters, bool Allowed, string? Refusal, string? Note);
