namespace ProxmoxMcp.Sandbox.State;

/// <summary>
/// A worker task. It is "running" until <see cref="EndsAt"/>; the next request after that runs its
/// effect and marks it stopped with OK, "WARNINGS: n" or the error the effect returned.
/// </summary>
public sealed class SandboxTask(string upid, string node, string type, string id, string user, DateTimeOffset started, DateTimeOffset endsAt, Func<SandboxTask, string?>? effect)
{
    public string Upid { get; } = upid;

    public string Node { get; } = node;

    public string Type { get; } = type;

    public string Id { get; } = id;

    public string User { get; } = user;

    public DateTimeOffset Started { get; } = started;

    public DateTimeOffset EndsAt { get; } = endsAt;

    public DateTimeOffset? Ended { get; set; }

    public string? ExitStatus { get; set; }

    public List<string> Log { get; } = [];

    public bool IsRunning => ExitStatus is null;

    internal Func<SandboxTask, string?>? Effect { get; } = effect;

    public int Pid => Convert.ToInt32(Upid.Split(':')[2], 16);
}
