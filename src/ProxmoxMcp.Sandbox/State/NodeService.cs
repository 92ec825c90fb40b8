namespace ProxmoxMcp.Sandbox.State;

/// <summary>A systemd service Proxmox reports on: its ActiveState, SubState and UnitFileState.</summary>
public sealed record NodeService(string Name, string Description, string ActiveState, string SubState, string UnitState);
