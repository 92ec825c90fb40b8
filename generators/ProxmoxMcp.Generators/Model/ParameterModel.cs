namespace ProxmoxMcp.Generators.Model
{
    /// <summary>
    /// One parameter of a tool method. <see cref="BindExpression"/> is the C# expression that binds it
    /// (already decided by the parser, so the emitter only concatenates).
    /// </summary>
    internal sealed record ParameterModel(
        string Name,
        string JsonName,
        ParameterKind Kind,
        string BindExpression,
        EquatableArray<string> EnumMembers);
}
