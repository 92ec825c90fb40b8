namespace ProxmoxMcp.Sandbox.State;

/// <summary>A storage replication job of a guest to another node, with the state of its last run.</summary>
public sealed class ReplicationJob(int guest, int jobNumber, string target, string schedule)
{
    public string Id => $"{Guest}-{JobNumber}";

    public int Guest { get; } = guest;

    public int JobNumber { get; } = jobNumber;

    public string Target { get; } = target;

    public string Schedule { get; } = schedule;

    public bool Disabled { get; set; }

    public DateTimeOffset? LastSync { get; set; }

    public double Duration { get; set; }

    public int FailCount { get; set; }

    public string? Error { get; set; }
}
