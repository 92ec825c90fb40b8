using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Safety.Confirmation;

/// <summary>
/// Asks through the calling client with MCP elicitation: the summary as the message and one boolean
/// field, confirm, that defaults to false. The SDK carries it as an elicitation/create request, or as an
/// input-required result for clients of the stateless revision.
/// </summary>
public sealed class McpConfirmationChannel(McpServer server) : IConfirmationChannel
{
    public const string Field = "confirm";

    public bool CanAsk => server.ClientCapabilities?.Elicitation is not null;

    public async Task<ConfirmationAnswer> AskAsync(string summary, CancellationToken cancellationToken)
    {
        var request = new ElicitRequestParams
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
        var result = await server.ElicitAsync(request, cancellationToken).ConfigureAwait(false);
        return result.Action switch
        {
            "accept" => result.Content is { } content && content.TryGetValue(Field, out var value) && value.ValueKind == JsonValueKind.True
                ? ConfirmationAnswer.Yes
                : ConfirmationAnswer.No,
            "decline" => ConfirmationAnswer.No,
            _ => ConfirmationAnswer.Cancelled,
        };
    }
}
