using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Tests.Confirmation;

/// <summary>
/// The person at the keyboard, as the MCP client's elicitation handler: records what the server asked
/// and answers the way the test says (accept with confirm true or false, decline, cancel, or too late).
/// </summary>
public sealed class ScriptedUser(string action = "accept", bool confirm = true, TimeSpan? delay = null)
{
    private readonly List<ElicitRequestParams> _asked = [];

    public string Action { get; set; } = action;

    public bool Confirm { get; set; } = confirm;

    public TimeSpan Delay { get; set; } = delay ?? TimeSpan.Zero;

    /// <summary>Runs while the question is open, before the answer: the world moving on while the person reads.</summary>
    public Action? WhileAsked { get; set; }

    public IReadOnlyList<ElicitRequestParams> Asked
    {
        get
        {
            lock (_asked)
            {
                return _asked.ToList();
            }
        }
    }

    /// <summary>Client options whose elicitation handler is this user (which declares the capability).</summary>
    public McpClientOptions ClientOptions(string? protocolVersion = null) => new()
    {
        ProtocolVersion = protocolVersion,
        Handlers = new McpClientHandlers { ElicitationHandler = AnswerAsync },
    };

    private async ValueTask<ElicitResult> AnswerAsync(ElicitRequestParams? request, CancellationToken cancellationToken)
    {
        lock (_asked)
        {
            _asked.Add(request!);
        }
        WhileAsked?.Invoke();
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }
        return Action == "accept"
            ? new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(Confirm) } }
            : new ElicitResult { Action = Action };
    }
}
