using System.Collections.Concurrent;
using ProxmoxMcp.Safety.Preview;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Safety.Policy;

/// <summary>
/// One tool call as the layers under the tools see it: which tool and tier, whether a person confirmed
/// it, and what happened on the way (Proxmox tasks started, refusals). Created by the tool base class
/// for each call and carried by <see cref="PolicyCaller"/>; nothing an agent sends can reach it.
/// An approval lives here, so it covers this one call and nothing after it.
/// </summary>
/// <param name="tool">The tool's name.</param>
/// <param name="tier">Its tier.</param>
/// <param name="preview">Set for a dry run: nothing that changes state is sent on its behalf (see <see cref="PreviewLog"/>).</param>
public sealed class ToolCall(string tool, ToolTier tier, PreviewLog? preview = null)
{
    private readonly ConcurrentQueue<string> _tasks = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly ConcurrentDictionary<string, System.Text.Json.Nodes.JsonNode?> _details = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _sending = new();
    private readonly Lock _planLock = new();
    private List<PlannedRequest>? _approved;

    public string Tool { get; } = tool;

    public ToolTier Tier { get; } = tier;

    /// <summary>A person said yes to this call through the MCP client.</summary>
    public bool Confirmed { get; private set; }

    /// <summary>The dry run this call is, or null for a real call.</summary>
    public PreviewLog? Preview { get; } = preview;

    /// <summary>Task ids (UPIDs) of the Proxmox tasks this call started, in order.</summary>
    public IReadOnlyList<string> Tasks => _tasks.ToArray();

    /// <summary>Why the safety policy refused requests of this call.</summary>
    public IReadOnlyList<string> Refusals => _refusals.ToArray();

    /// <summary>What a tool adds to its audit line (exec: how it ran, exit code).</summary>
    public IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> Details => _details;

    public void SetDetail(string key, System.Text.Json.Nodes.JsonNode? value) => _details[key] = value;

    /// <summary>Only the confirmation gate calls this, after the person's yes to the changes <paramref name="plan"/> lists (the preview they read).</summary>
    internal void MarkConfirmed(IEnumerable<PlannedRequest> plan)
    {
        lock (_planLock)
        {
            _approved = plan.Where(r => r.Allowed).ToList();
        }
        Confirmed = true;
    }

    /// <summary>
    /// Whether a change is one the person confirmed and not yet sent: a confirmed call sends exactly what its
    /// preview showed, so a cluster that moved between the question and the answer makes it refuse instead.
    /// </summary>
    internal bool Approves(ApiRequest request)
    {
        lock (_planLock)
        {
            return _approved is { } approved && approved.Exists(r => r.Matches(request));
        }
    }

    /// <summary>After a confirmed change was sent: it cannot be sent a second time on the same yes.</summary>
    internal void RecordSent(ApiRequest request)
    {
        lock (_planLock)
        {
            if (_approved?.FindIndex(r => r.Matches(request)) is >= 0 and var index)
            {
                _approved.RemoveAt(index);
            }
        }
    }

    internal void RecordTask(string upid) => _tasks.Enqueue(upid);

    /// <summary>A request now on the wire on this call's behalf (the safety interceptor hands each over).</summary>
    internal void Sending(Task request)
    {
        if (_sending.TryAdd(request, 0))
        {
            request.ContinueWith(static (ended, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(ended, out _), _sending,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Waits until no request of this call is on the wire. A tool that started reads side by side and failed
    /// on the first would otherwise answer while the others were still in flight, and they would reach
    /// Proxmox after the answer, outside the call that sent them. Their outcomes are the tool's to observe.
    /// </summary>
    internal async Task AllSentEndedAsync()
    {
        // A request still in flight may be followed by the next step of its branch, so look again until none is.
        while (!_sending.IsEmpty)
        {
            await Task.WhenAll(_sending.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    internal void RecordRefusal(string reason) => _refusals.Enqueue(reason);
}
