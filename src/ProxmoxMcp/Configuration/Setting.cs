namespace ProxmoxMcp.Configuration;

/// <summary>One setting a user may give, as MCP registries list it (server.json's environment variables).</summary>
/// <param name="Name">The environment variable, PROXMOX_...</param>
/// <param name="Description">One plain sentence: what it is and what it changes.</param>
/// <param name="Default">The value used when it is not set, when that is a value one could give (null otherwise).</param>
/// <param name="Required">A real cluster cannot be served without it.</param>
/// <param name="Secret">A password, token or key: never logged, masked by clients.</param>
/// <param name="Format">How registries should read the value: string, number, boolean or filepath.</param>
/// <param name="Choices">The only values it takes, when they are few.</param>
/// <param name="InProfile">A profile may set it (the settings that choose where settings come from may not).</param>
public sealed record Setting(
    string Name,
    string Description,
    string? Default = null,
    bool Required = false,
    bool Secret = false,
    string Format = "string",
    IReadOnlyList<string>? Choices = null,
    bool InProfile = true);
