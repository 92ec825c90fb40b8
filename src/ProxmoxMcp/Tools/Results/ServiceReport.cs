namespace ProxmoxMcp.Tools.Results;

/// <summary>A system service of a node.</summary>
/// <param name="Name">The unit.</param>
/// <param name="State">active, inactive, failed, ...</param>
/// <param name="SubState">running, dead, exited, ...</param>
/// <param name="Enabled">enabled, disabled, masked, static, ...</param>
/// <param name="Description">What it is.</param>
public sealed record ServiceReport(string Name, string? State, string? SubState, string? Enabled, string? Description);
