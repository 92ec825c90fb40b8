using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Tests.Safety;

/// <summary>Settings for policy unit tests: exec on, no allow-list, write scope all.</summary>
internal static class PolicyTestSettings
{
    public static ProxmoxOptions Options { get; } = new()
    {
        Host = "pve.test",
        User = "mcp@pve",
        TokenName = "agent",
        TokenValue = "00000000-0000-0000-0000-000000000000",
        EnableExec = true,
    };
}
