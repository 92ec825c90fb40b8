namespace ProxmoxMcp.Sandbox.State;

/// <summary>A Proxmox package on a node: the installed version and the newest one the repositories offer.</summary>
public sealed record PackageVersion(string Package, string Title, string Installed, string Candidate);
