using System.Text.Json;

namespace ProxmoxMcp.Tools.Results;

/// <summary>A raw read of the Proxmox API.</summary>
/// <param name="Path">The path read, relative to /api2/json.</param>
/// <param name="Data">The data member of the answer, as Proxmox sent it.</param>
public sealed record ApiReadResult(string Path, JsonElement Data);
