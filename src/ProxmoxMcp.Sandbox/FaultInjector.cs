using System.Text.RegularExpressions;

namespace ProxmoxMcp.Sandbox;

/// <summary>
/// Faults tests can switch on: latency for every request, errors or dropped connections by path.
/// (Offline nodes are cluster state: <c>SandboxCluster.SetNodeOnline</c>; a changed certificate is
/// <c>SandboxServer.RotateCertificate</c>.)
/// </summary>
public sealed class FaultInjector
{
    private readonly List<FaultRule> _rules = [];
    private readonly List<(Regex Path, string Method, Action<State.SandboxCluster> Change)> _changes = [];
    private readonly List<(string Type, string Error, int Times)> _taskFailures = [];
    private readonly List<(Regex Path, string? Method, RequestGate Gate)> _gates = [];
    private readonly Lock _lock = new();

    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Answer requests matching <paramref name="pathPattern"/> with <paramref name="status"/> (at most <paramref name="times"/> times).</summary>
    public void Fail(string pathPattern, int status, string message, string? method = null, int times = int.MaxValue) =>
        Add(new FaultRule(new Regex(pathPattern, RegexOptions.CultureInvariant), method, status, message, false, times));

    /// <summary>Answer matching requests with this status and raw body (HTML, broken JSON, a very large answer).</summary>
    public void Respond(string pathPattern, int status, string contentType, string body, string? method = null, int times = int.MaxValue) =>
        Add(new FaultRule(new Regex(pathPattern, RegexOptions.CultureInvariant), method, status, string.Empty, false, times) { RawBody = body, ContentType = contentType });

    /// <summary>Answer matching requests with a redirect elsewhere.</summary>
    public void Redirect(string pathPattern, int status, string location, string? method = null, int times = int.MaxValue) =>
        Add(new FaultRule(new Regex(pathPattern, RegexOptions.CultureInvariant), method, status, string.Empty, false, times) { Location = location, RawBody = string.Empty });

    /// <summary>Tasks of this type (qmstart, vzdump, ...) run part of the way, then fail with this error (at most <paramref name="times"/> times).</summary>
    public void FailTasks(string type, string error, int times = int.MaxValue)
    {
        lock (_lock)
        {
            _taskFailures.Add((type, error, times));
        }
    }

    /// <summary>The failure a finishing task of this type meets, if a rule says so.</summary>
    internal string? TakeTaskFailure(string type)
    {
        lock (_lock)
        {
            for (var i = 0; i < _taskFailures.Count; i++)
            {
                var (ruleType, error, times) = _taskFailures[i];
                if (ruleType == type)
                {
                    if (times <= 1)
                    {
                        _taskFailures.RemoveAt(i);
                    }
                    else
                    {
                        _taskFailures[i] = (ruleType, error, times - 1);
                    }
                    return error;
                }
            }
            return null;
        }
    }

    /// <summary>Hold matching requests before they are answered until the returned gate is released.</summary>
    public RequestGate Hold(string pathPattern, string? method = null)
    {
        var gate = new RequestGate();
        lock (_lock)
        {
            _gates.Add((new Regex(pathPattern, RegexOptions.CultureInvariant), method, gate));
        }
        return gate;
    }

    /// <summary>Waits while a gate holds this request.</summary>
    internal Task WaitWhileHeldAsync(string method, string path, CancellationToken cancellationToken)
    {
        RequestGate? gate;
        lock (_lock)
        {
            gate = _gates.Find(g => (g.Method is null || g.Method == method) && g.Path.IsMatch(path)).Gate;
        }
        return gate?.WaitAsync(cancellationToken) ?? Task.CompletedTask;
    }

    /// <summary>Close the connection without an answer for matching requests.</summary>
    public void Drop(string pathPattern, string? method = null, int times = int.MaxValue) =>
        Add(new FaultRule(new Regex(pathPattern, RegexOptions.CultureInvariant), method, 0, string.Empty, true, times));

    /// <summary>
    /// Runs <paramref name="change"/> on the cluster just before a matching request is handled, once:
    /// another client's edit landing at that very moment (a concurrent configuration change).
    /// </summary>
    public void ChangeBefore(string pathPattern, string method, Action<State.SandboxCluster> change)
    {
        lock (_lock)
        {
            _changes.Add((new Regex(pathPattern, RegexOptions.CultureInvariant), method, change));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
            _changes.Clear();
            _taskFailures.Clear();
            _gates.ForEach(g => g.Gate.Release());
            _gates.Clear();
            Latency = TimeSpan.Zero;
        }
    }

    internal Action<State.SandboxCluster>? TakeChange(string method, string path)
    {
        lock (_lock)
        {
            var index = _changes.FindIndex(c => c.Method == method && c.Path.IsMatch(path));
            if (index < 0)
            {
                return null;
            }
            var change = _changes[index].Change;
            _changes.RemoveAt(index);
            return change;
        }
    }

    internal FaultRule? Take(string method, string path)
    {
        lock (_lock)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if ((rule.Method is null || rule.Method == method) && rule.Path.IsMatch(path))
                {
                    _rules[i] = rule with { RemainingHits = rule.RemainingHits - 1 };
                    if (_rules[i].RemainingHits <= 0)
                    {
                        _rules.RemoveAt(i);
                    }
                    return rule;
                }
            }
            return null;
        }
    }

    private void Add(FaultRule rule)
    {
        lock (_lock)
        {
            _rules.Add(rule);
        }
    }
}
