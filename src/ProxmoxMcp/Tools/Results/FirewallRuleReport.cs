namespace ProxmoxMcp.Tools.Results;

/// <summary>A firewall rule, in evaluation order.</summary>
public sealed record FirewallRuleReport(int Pos, string? Type, string? Action, bool Enabled, string? Macro, string? Proto, string? Source, string? Dest, string? Dport, string? Sport, string? Iface, string? Comment);
