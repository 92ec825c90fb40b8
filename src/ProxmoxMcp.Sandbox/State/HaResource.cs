namespace ProxmoxMcp.Sandbox.State;

/// <summary>A guest under HA management: sid vm:100 or ct:201, the state it is asked for and the state the manager reports.</summary>
public sealed class HaResource(string sid)
{
    public string Sid { get; } = sid;

    /// <summary>started, stopped, ignored, disabled (what the operator asked for).</summary>
    public string RequestState { get; set; } = "started";

    /// <summary>What the cluster resource manager reports: started, stopped, error, fence, recovery, freeze, ...</summary>
    public string State { get; set; } = "started";

    public string? Comment { get; set; }

    public int MaxRestart { get; set; } = 1;

    public int MaxRelocate { get; set; } = 1;
}
