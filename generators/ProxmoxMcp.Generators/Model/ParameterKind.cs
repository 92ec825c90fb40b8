namespace ProxmoxMcp.Generators.Model
{
    /// <summary>How one tool parameter is bound from JSON.</summary>
    internal enum ParameterKind
    {
        String,
        Int32,
        Int64,
        Boolean,
        Double,
        Enum,
        StringList,
        Int32List,
        Int64List,
        StringMap,
        JsonMap,
        Context,
        CancellationToken,
    }
}
