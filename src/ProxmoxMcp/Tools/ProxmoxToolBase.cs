using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Api;
using ProxmoxMcp.Safety;
using ProxmoxMcp.Safety.Policy;

namespace ProxmoxMcp.Tools;

/// <summary>
/// Base of every generated tool. The generator supplies the definition and the argument binding
/// (<see cref="InvokeCoreAsync"/>); this class turns the definition into the MCP <see cref="Tool"/>
/// and turns the failures an agent can act on into <c>isError</c> results with a clear text.
/// </summary>
public abstract class ProxmoxToolBase : McpServerTool
{
    protected ProxmoxToolBase(ToolDefinition definition)
    {
        Definition = definition;
        ProtocolTool = new Tool
        {
            Name = definition.Name,
            Title = definition.Title,
            Description = definition.Description,
            InputSchema = ParseSchema(definition.InputSchemaJson),
            OutputSchema = ParseSchema(definition.OutputSchemaJson),
            Annotations = new ToolAnnotations
            {
                Title = definition.Title,
                ReadOnlyHint = definition.ReadOnlyHint,
                DestructiveHint = definition.DestructiveHint,
                IdempotentHint = definition.IdempotentHint,
                OpenWorldHint = definition.OpenWorldHint,
            },
        };
    }

    public ToolDefinition Definition { get; }

    public ToolTier Tier => Definition.Tier;

    public override Tool ProtocolTool { get; }

    public override IReadOnlyList<object> Metadata { get; } = [];

    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        var services = request.Services ?? throw new InvalidOperationException("The MCP server was created without a service provider.");
        IToolProgress progress = request.Params?.ProgressToken is { } token
            ? new McpToolProgress(request.Server, token)
            : ToolProgress.None;
        var arguments = request.Params?.Arguments as IReadOnlyDictionary<string, JsonElement>
            ?? request.Params?.Arguments?.ToDictionary(StringComparer.Ordinal);
        return InvokeAsync(new ToolInvocation(arguments, services, progress, cancellationToken));
    }

    /// <summary>Runs the tool outside MCP too (the <c>call</c> CLI command), through the same binding and safety layers.</summary>
    public async ValueTask<CallToolResult> InvokeAsync(ToolInvocation invocation)
    {
        // Every API call made from here on is on this tool's behalf: the policy grants exec-only reads by it.
        using var caller = PolicyCaller.Enter(Definition.Name, Tier == ToolTier.GuestExec ? CallerRole.GuestExec : CallerRole.Tool);
        try
        {
            return await InvokeCoreAsync(invocation).ConfigureAwait(false);
        }
        catch (ToolInputException exception)
        {
            return ToolResults.Error(exception.Message);
        }
        catch (SafetyRefusedException exception)
        {
            Log(invocation).LogWarning("Tool {Tool}: refused by the safety policy: {Reason}", Definition.Name, exception.Message);
            return ToolResults.Error(exception.Message);
        }
        catch (ProxmoxApiException exception)
        {
            return ToolResults.Error(exception.Message);
        }
        catch (OperationCanceledException) when (!invocation.CancellationToken.IsCancellationRequested)
        {
            return ToolResults.Error($"{Definition.Name} timed out waiting for Proxmox.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log(invocation).LogError(exception, "Tool {Tool} failed unexpectedly", Definition.Name);
            return ToolResults.Error($"{Definition.Name} failed: {exception.Message}");
        }
    }

    protected abstract ValueTask<CallToolResult> InvokeCoreAsync(ToolInvocation invocation);

    private ILogger Log(ToolInvocation invocation) =>
        invocation.Services.GetService<ILoggerFactory>()?.CreateLogger("ProxmoxMcp.Tools") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private static JsonElement ParseSchema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
