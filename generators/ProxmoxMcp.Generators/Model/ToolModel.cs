namespace ProxmoxMcp.Generators.Model
{
    /// <summary>
    /// Everything the emitter needs about one tool, as strings and primitives. The canonical JSON is
    /// the tool's reviewable surface: it feeds the per-tool hash, the registry checksum and the lock.
    /// </summary>
    internal sealed record ToolModel(
        string Name,
        string TierMember,
        string Title,
        string Description,
        string InputSchemaJson,
        string PublishedInputSchemaJson,
        string OutputSchemaJson,
        string PublishedOutputSchemaJson,
        bool ReadOnlyHint,
        bool DestructiveHint,
        bool IdempotentHint,
        bool OpenWorldHint,
        string ContainingType,
        string MethodName,
        bool IsStatic,
        bool IsAsync,
        EquatableArray<ParameterModel> Parameters,
        string CanonicalJson,
        LocationInfo? Location,
        EquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>True when the method could be bound; a tool with errors is reported, never emitted.</summary>
        public bool IsValid => Diagnostics.Count == 0;
    }
}
