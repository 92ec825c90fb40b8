namespace ProxmoxMcp.Tools.Results;

/// <summary>A Proxmox package with a newer version available.</summary>
/// <param name="Package">The package.</param>
/// <param name="Installed">The version installed.</param>
/// <param name="Available">The version the repositories offer.</param>
public sealed record PackageUpdate(string Package, string Installed, string Available);
