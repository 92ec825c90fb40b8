namespace ProxmoxMcp.Tools;

/// <summary>
/// Everything the generator decided about one tool, in the exact form the registry checksum covers.
/// Schemas are JSON text with sorted keys, so the same source gives the same bytes on every machine.
/// The input schema is the full contract the binder enforces; the published one is what tools/list
/// shows a model (without regular expressions and string lengths, which it does not need to choose a value);
/// the published output schema leaves out additionalProperties: false.
/// </summary>
public sealed record ToolDefinition(
    string Name,
    ToolTier Tier,
    string Title,
    string Description,
    string InputSchemaJson,
    string PublishedInputSchemaJson,
    string OutputSchemaJson,
    string PublishedOutputSchemaJson,
    bool ReadOnlyHint,
    bool DestructiveHint,
    bool IdempotentHint,
    bool OpenWorldHint);
