namespace ProxmoxMcp.Tools;

/// <summary>
/// Marks a method as an MCP tool. The source generator turns every marked method into one entry
/// of the frozen registry; the method's XML summary becomes the tool description and its
/// <c>&lt;param&gt;</c> docs the parameter descriptions.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ProxmoxToolAttribute(string name, ToolTier tier) : Attribute
{
    /// <summary>The tool's snake_case name, as clients see it.</summary>
    public string Name { get; } = name;

    /// <summary>What the tool may do; decides annotations and exposure.</summary>
    public ToolTier Tier { get; } = tier;
}
