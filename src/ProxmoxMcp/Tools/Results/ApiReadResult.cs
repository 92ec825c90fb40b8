using System.Text.Json;

namespace ProxmoxMcp.Tools.Results;

/// <summary>A raw read of the Proxmox API.</summary>
public sealed record ApiReadResult(string Path, JsonElement Data);
