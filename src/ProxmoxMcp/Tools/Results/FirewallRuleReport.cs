namespace ProxmoxMcp.Tools.Results;

/// <summary>A firewall rule, in evaluation order.</summary>
/// <param name="Pos">Its position.</param>
/// <param name="Type">in, out, forward or group.</param>
/// <param name="Action">ACCEPT, DROP, REJECT, or a security group.</param>
/// <param name="Enabled">Whether it applies.</param>
/// <param name="Macro">A predefined service (SSH, HTTP, ...).</param>
/// <param name="Proto">The protocol.</param>
/// <param name="Source">Source address, alias or +ipset.</param>
/// <param name="Dest">Destination address, alias or +ipset.</param>
/// <param name="Dport">Destination port(s).</param>
/// <param name="Sport">Source port(s).</param>
/// <param name="Iface">The interface.</param>
/// <param name="Comment">Its comment.</param>
public sealed record FirewallRuleReport(int Pos, string? Type, string? Action, bool Enabled, string? Macro, string? Proto, string? Source, string? Dest, string? Dport, string? Sport, string? Iface, string? Comment);
