namespace ProxmoxMcp.Tools;

/// <summary>
/// What a tool method may receive besides its arguments: the progress sink of the current call.
/// A tool method declares a parameter of this type to get it; it never appears in the input schema.
/// </summary>
public sealed class ToolContext(string toolName, IToolProgress progress)
{
    /// <summary>The name of the tool being called, for messages and audit records.</summary>
    public string ToolName { get; } = toolName;

    /// <summary>Where to report progress while waiting.</summary>
    public IToolProgress Progress { get; } = progress;
}
