namespace ProxmoxMcp.Safety.Policy;

/// <summary>
/// The tool on whose behalf API calls are being made, carried along the async flow (set by the tool
/// base class and narrowed by proxmox_api_get). Nothing an agent sends can set it: it says which code
/// is running, so the policy can grant exec-only reads to the exec tools alone, and refuse writes that
/// no exposed, confirmed tool call stands behind.
/// </summary>
/// <param name="Tool">The tool's name.</param>
/// <param name="Role">What the policy grants the caller.</param>
/// <param name="Call">The tool call in progress; null outside one (the CLI's doctor), which may only read.</param>
public sealed record PolicyCaller(string Tool, CallerRole Role, ToolCall? Call = null)
{
    private static readonly AsyncLocal<PolicyCaller?> Ambient = new();

    /// <summary>The caller of the current flow; a plain tool with no call when none was set.</summary>
    public static PolicyCaller Current => Ambient.Value ?? new PolicyCaller("(server)", CallerRole.Tool);

    /// <summary>Sets the caller until the returned scope is disposed.</summary>
    public static IDisposable Enter(string tool, CallerRole role, ToolCall? call = null)
    {
        var previous = Ambient.Value;
        Ambient.Value = new PolicyCaller(tool, role, call);
        return new Scope(previous);
    }

    private sealed class Scope(PolicyCaller? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
