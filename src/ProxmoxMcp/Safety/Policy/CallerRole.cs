namespace ProxmoxMcp.Safety.Policy;

/// <summary>What kind of caller is asking: the policy grants some operations to some callers only.</summary>
public enum CallerRole
{
    /// <summary>A tool of tiers A to C, or the CLI's own checks.</summary>
    Tool,

    /// <summary>A tier D' tool (exec_in_vm, exec_in_container).</summary>
    GuestExec,

    /// <summary>proxmox_api_get: a path the agent chose.</summary>
    RawRead,
}
