namespace ProxmoxMcp.Configuration;

/// <summary>Every missing or malformed setting at once, so a user fixes them in one go.</summary>
public sealed class ConfigurationException(IReadOnlyList<string> problems)
    : Exception("Configuration is incomplete or invalid:\n  - " + string.Join("\n  - ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
