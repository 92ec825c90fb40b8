namespace ProxmoxMcp.Safety.Policy;

/// <summary>
/// The tool on whose behalf API calls are being made, carried along the async flow (set by the tool
/// base class and narrowed by proxmox_api_get). Nothing an agent sends can set it: it says which code
/// is running, so the policy can grant exec-only reads to the exec tools alone.
/// </summary>
public sealed record PolicyCaller(string Tool, CallerRole Role)
{
    private static readonly AsyncLocal<PolicyCaller?> Ambient = new();

    /// <summary>The caller of the current flow; a plain tool when none was set (the CLI's doctor).</summary>
    public static PolicyCaller Current => Ambient.Value ?? new PolicyCaller("(server)", CallerRole.Tool);

    /// <summary>Sets the caller until the returned scope is disposed.</summary>
    public static IDisposable Enter(string tool, CallerRole role)
    {
        var previous = Ambient.Value;
        Ambient.Value = new PolicyCaller(tool, role);
        return new Scope(previous);
    }

    private sealed class Scope(PolicyCaller? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
