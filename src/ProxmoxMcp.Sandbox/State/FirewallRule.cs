namespace ProxmoxMcp.Sandbox.State;

/// <summary>One firewall rule (its position is its index in the list).</summary>
public sealed record FirewallRule(string Type, string Action, bool Enabled = true)
{
    public string? Macro { get; init; }

    public string? Proto { get; init; }

    public string? Source { get; init; }

    public string? Dest { get; init; }

    public string? Dport { get; init; }

    public string? Comment { get; init; }
}
