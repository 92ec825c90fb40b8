namespace ProxmoxMcp.Tools;

/// <summary>
/// Everything the generator decided about one tool, in the exact form the registry checksum covers.
/// Schemas are JSON text with sorted keys, so the same source gives the same bytes on every machine.
/// </summary>
public sealed record ToolDefinition(
    string Name,
    ToolTier Tier,
    string Title,
    string Description,
    string InputSchemaJson,
    string OutputSchemaJson,
    bool ReadOnlyHint,
    bool DestructiveHint,
    bool IdempotentHint,
    bool OpenWorldHint);
