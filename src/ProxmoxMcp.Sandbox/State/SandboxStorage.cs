namespace ProxmoxMcp.Sandbox.State;

/// <summary>A storage definition, present on every node (both seeded storages are node-local).</summary>
public sealed record SandboxStorage(string Name, string Type, IReadOnlyList<string> Content, long Total, int KeepLastBackups);
