using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Configuration;

/// <summary>
/// How long one call of each tier may run (PROXMOX_TIME_BUDGETS). A tool that waits for a Proxmox task
/// or a command has a timeoutSeconds argument; its budget is that wait plus the tier's budget, so the
/// argument keeps its meaning and the budget bounds only what comes on top (lookups, slow API answers).
/// </summary>
public sealed record TimeBudgets
{
    public TimeSpan Read { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan Power { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan Provision { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan Exec { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan For(ToolTier tier) => tier switch
    {
        ToolTier.Read => Read,
        ToolTier.Lifecycle => Power,
        ToolTier.Provision => Provision,
        _ => Exec,
    };

    public TimeBudgets With(ToolTier tier, TimeSpan budget) => tier switch
    {
        ToolTier.Read => this with { Read = budget },
        ToolTier.Lifecycle => this with { Power = budget },
        ToolTier.Provision => this with { Provision = budget },
        _ => this with { Exec = budget },
    };
}
