using ProxmoxMcp.Safety.Policy;

namespace ProxmoxMcp.Safety.Preview;

/// <summary>
/// A dry run of one tool call. Carried by the call's <see cref="ToolCall"/>, it makes the layers under the
/// tool record every request that would change something, with the policy's verdict, instead of sending it
/// (<see cref="SafetyInterceptor"/>), answer it with a stand-in (<see cref="PreviewAnswers"/>), and treat the
/// stand-in's task as not run (the task tracker). The reads the policy allows still go out, so the tool works
/// out its requests from the cluster as it is, by its own code. SSH commands are recorded, never run.
/// </summary>
public sealed class PreviewLog
{
    private readonly Lock _lock = new();
    private readonly List<PlannedRequest> _requests = [];
    private readonly List<PlannedCommand> _commands = [];
    private readonly HashSet<int> _created = [];

    /// <summary>The preview of the current flow; null outside one.</summary>
    public static PreviewLog? Current => PolicyCaller.Current.Call?.Preview;

    /// <summary>The changes the call would send (and a refused request, where the policy stopped it), in order.</summary>
    public IReadOnlyList<PlannedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>The SSH commands the call would run.</summary>
    public IReadOnlyList<PlannedCommand> Commands
    {
        get
        {
            lock (_lock)
            {
                return _commands.ToArray();
            }
        }
    }

    /// <summary>Why the dry run ended early (what followed depends on an answer only the real request gets); null when it ran to the end.</summary>
    public string? HaltedBecause { get; private set; }

    /// <summary>Nothing would change: no request allowed and no command.</summary>
    public bool IsEmpty => Requests.All(r => !r.Allowed) && Commands.Count == 0;

    internal void Record(string method, string path, IEnumerable<KeyValuePair<string, string>>? parameters, PolicyDecision decision)
    {
        var request = new PlannedRequest(method, path, parameters?.ToList() ?? [], decision.Allowed, decision.Allowed ? null : decision.Reason, decision.Note);
        lock (_lock)
        {
            _requests.Add(request);
        }
    }

    /// <summary>A guest an earlier request of the dry run would create: the requests on it that follow cannot be checked against its state yet.</summary>
    internal void Create(int vmid)
    {
        lock (_lock)
        {
            _created.Add(vmid);
        }
    }

    internal bool Creates(int vmid)
    {
        lock (_lock)
        {
            return _created.Contains(vmid);
        }
    }

    public void Record(PlannedCommand command)
    {
        lock (_lock)
        {
            _commands.Add(command);
        }
    }

    public void Halt(string reason) => HaltedBecause ??= reason;

    /// <summary>The last wall for work that does not go through the API (SSH): inside a preview it is refused, never run.</summary>
    public static void EnsureNotPreview(string what)
    {
        if (Current is not null)
        {
            throw new SafetyRefusedException($"{what} refused: a preview runs nothing.");
        }
    }
}
