namespace ProxmoxMcp.Tools.Results;

/// <summary>A guest's power state before a power action, and what the action means for it.</summary>
public sealed record PowerPreview(string Guest, string State, long? UptimeSeconds, bool? HaManaged, string? HaState, string Effect);
