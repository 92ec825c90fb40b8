namespace ProxmoxMcp.Tools.Results;

/// <summary>The configuration diff of set_vm_config / set_container_config, and the digest it was computed on (pass it to the real call).</summary>
public sealed record ConfigPreview(string Guest, string Digest, IReadOnlyList<ConfigDiffLine> Changes, IReadOnlyList<ConfigDiffLine> OtherPending);
