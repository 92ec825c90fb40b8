using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Safety.Confirmation;

/// <summary>
/// Asks through the calling client with MCP elicitation: the summary as the message and one boolean
/// field, confirm, that defaults to false. The SDK carries it as an elicitation/create request on a
/// session (stdio, or HTTP clients that started with initialize).
/// </summary>
public sealed class McpConfirmationChannel(McpServer server) : IConfirmationChannel
{
    public const string Field = "confirm";

    public bool CanAsk => server.ClientCapabilities?.Elicitation is not null;

    public async Task<ConfirmationAnswer> AskAsync(ConfirmationQuestion question, CancellationToken cancellationToken) =>
        Answer(await server.ElicitAsync(Request(question.Summary), cancellationToken).ConfigureAwait(false));

    /// <summary>The elicitation: the summary and one required boolean, confirm, false unless the person says yes.</summary>
    public static ElicitRequestParams Request(string summary) => new()
    {
        Message = summary,
        RequestedSchema = new ElicitRequestParams.RequestSchema
        {
            Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
            {
                [Field] = new ElicitRequestParams.BooleanSchema
                {
                    Title = "Confirm",
                    Description = "Yes: the server does exactly what is described. No: nothing is sent to Proxmox.",
                    Default = false,
                },
            },
            Required = [Field],
        },
    };

    /// <summary>Only accept with confirm=true is a yes.</summary>
    public static ConfirmationAnswer Answer(ElicitResult? result) => result?.Action switch
    {
        "accept" => result.Content is { } content && content.TryGetValue(Field, out var value) && value.ValueKind == JsonValueKind.True
            ? ConfirmationAnswer.Yes
            : ConfirmationAnswer.No,
        "decline" => ConfirmationAnswer.No,
        _ => ConfirmationAnswer.Cancelled,
    };
}
