namespace ProxmoxMcp.Tools.Results;

/// <summary>A Proxmox package with a newer version available.</summary>
public sealed record PackageUpdate(string Package, string Installed, string Available);
