using System.Collections.Concurrent;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Safety.Policy;

/// <summary>
/// One tool call as the layers under the tools see it: which tool and tier, whether a person confirmed
/// it, and what happened on the way (Proxmox tasks started, refusals). Created by the tool base class
/// for each call and carried by <see cref="PolicyCaller"/>; nothing an agent sends can reach it.
/// An approval lives here, so it covers this one call and nothing after it.
/// </summary>
public sealed class ToolCall(string tool, ToolTier tier)
{
    private readonly ConcurrentQueue<string> _tasks = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly ConcurrentDictionary<string, System.Text.Json.Nodes.JsonNode?> _details = new(StringComparer.Ordinal);

    public string Tool { get; } = tool;

    public ToolTier Tier { get; } = tier;

    /// <summary>A person said yes to this call through the MCP client.</summary>
    public bool Confirmed { get; private set; }

    /// <summary>Task ids (UPIDs) of the Proxmox tasks this call started, in order.</summary>
    public IReadOnlyList<string> Tasks => _tasks.ToArray();

    /// <summary>Why the safety policy refused requests of this call.</summary>
    public IReadOnlyList<string> Refusals => _refusals.ToArray();

    /// <summary>What a tool adds to its audit line (exec: how it ran, exit code).</summary>
    public IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> Details => _details;

    public void SetDetail(string key, System.Text.Json.Nodes.JsonNode? value) => _details[key] = value;

    /// <summary>Only the confirmation gate calls this, after the person's yes.</summary>
    internal void MarkConfirmed() => Confirmed = true;

    internal void RecordTask(string upid) => _tasks.Enqueue(upid);

    internal void RecordRefusal(string reason) => _refusals.Enqueue(reason);
}
