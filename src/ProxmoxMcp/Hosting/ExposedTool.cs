using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Safety.Confirmation;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// A frozen tool as this configuration offers it: the description says when the operator's rules make
/// the call ask the user first (so the model knows before it calls), and <c>_meta</c> carries the time
/// budget and the confirmation rule for clients. The frozen definition, which the registry checksum
/// covers, is unchanged; calls go straight to it.
/// </summary>
public sealed class ExposedTool : McpServerTool
{
    private readonly ProxmoxToolBase _tool;
    private readonly IServiceProvider _services;
    private readonly bool _perRequest;

    /// <param name="tool">The frozen tool.</param>
    /// <param name="options">The configuration it is offered under.</param>
    /// <param name="services">The runtime's services the tool runs on: over HTTP the SDK hands each request the web host's services, which hold none of ours.</param>
    /// <param name="perRequest">Served without a session (2026-07-28 clients over HTTP): a question to the user goes back as an input-required result.</param>
    public ExposedTool(ProxmoxToolBase tool, ProxmoxOptions options, IServiceProvider services, bool perRequest = false)
    {
        _tool = tool;
        _services = services;
        _perRequest = perRequest;
        var frozen = tool.ProtocolTool;
        var notice = ConfirmationGate.Notice(options.Confirm, tool.Definition);
        var meta = new JsonObject { ["budgetSeconds"] = (int)options.Budgets.For(tool.Tier).TotalSeconds };
        if (tool.Waits)
        {
            // The budget is on top of the tool's own wait, timeout_seconds.
            meta["budgetPlusTimeout"] = true;
        }
        if (notice is not null)
        {
            meta["confirm"] = options.Confirm.AlwaysFor(tool.Definition.Name, tool.Tier) ? "always" : "tagged";
        }
        ProtocolTool = new Tool
        {
            Name = frozen.Name,
            Title = frozen.Title,
            Description = notice is null ? frozen.Description : $"{frozen.Description} {notice}",
            InputSchema = frozen.InputSchema,
            OutputSchema = frozen.OutputSchema,
            Annotations = frozen.Annotations,
            Meta = meta,
        };
    }

    public ProxmoxToolBase Tool => _tool;

    public override Tool ProtocolTool { get; }

    public override IReadOnlyList<object> Metadata => _tool.Metadata;

    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        request.Services = _services;
        IConfirmationChannel confirmer = _perRequest
            ? new InputRequiredConfirmationChannel(request.Server, request.Params ?? new CallToolRequestParams { Name = _tool.Definition.Name }, _services.GetRequiredService<ConfirmationStamps>())
            : new McpConfirmationChannel(request.Server);
        return Trimmed(_tool.InvokeAsync(request, confirmer, cancellationToken));
    }

    private static async ValueTask<CallToolResult> Trimmed(ValueTask<CallToolResult> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        finally
        {
            HeapTrim.AfterCall();
        }
    }
}
