using System.Text.Json;

namespace ProxmoxMcp.Tools.Support;

/// <summary>A node's name and whether it answers.</summary>
public sealed record NodeState(string Name, bool Online, JsonElement Raw);
