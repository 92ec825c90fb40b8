namespace ProxmoxMcp.Safety;

/// <summary>The tool registry failed its start-up check; the server refuses to start.</summary>
public sealed class RegistryIntegrityException(IReadOnlyList<string> problems)
    : Exception("The tool registry failed its safety check; refusing to start:\n  - " + string.Join("\n  - ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
