using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Safety.Confirmation;

/// <summary>
/// Asks clients of the 2026-07-28 revision over HTTP, which have no session the server could send an
/// elicitation request on: the call is answered with an input-required result that carries the
/// question and a signed request state (<see cref="ConfirmationStamps"/>); the client asks its user and
/// repeats the call with the answer and the state. Only a state issued here for exactly this call,
/// returned within the confirmation timeout and not used before, lets the answer count.
/// </summary>
public sealed class InputRequiredConfirmationChannel(McpServer server, RequestParams call, ConfirmationStamps stamps) : IConfirmationChannel
{
    private const string Key = "confirm";

    /// <summary>The capabilities the client sent with this request (2026-07-28 clients send them with each one).</summary>
    public bool CanAsk => server.ClientCapabilities?.Elicitation is not null;

    public Task<ConfirmationAnswer> AskAsync(ConfirmationQuestion question, CancellationToken cancellationToken)
    {
        if (call.RequestState is { } state && call.InputResponses is { } responses && responses.TryGetValue(Key, out var response))
        {
            switch (stamps.Redeem(state, question.Tool, question.Arguments, question.Plan))
            {
                case StampCheck.Valid:
                    return Task.FromResult(McpConfirmationChannel.Answer(response.Deserialize(InputResponse.ElicitResultJsonTypeInfo)));
                case StampCheck.Expired:
                    return Task.FromResult(ConfirmationAnswer.TooLate);
            }
            // Forged, replayed or for other arguments: the person has not answered this call; ask.
        }
        throw new InputRequiredException(
            inputRequests: new Dictionary<string, InputRequest> { [Key] = InputRequest.ForElicitation(McpConfirmationChannel.Request(question.Summary)) },
            requestState: stamps.Issue(question.Tool, question.Arguments, question.Timeout, question.Plan));
    }
}
