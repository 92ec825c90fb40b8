namespace ProxmoxMcp.Tools.Results;

/// <summary>A system service of a node.</summary>
public sealed record ServiceReport(string Name, string? State, string? SubState, string? Enabled, string? Description);
