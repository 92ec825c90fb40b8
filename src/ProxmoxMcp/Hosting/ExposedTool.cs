using System.Text.Json.Nodes;
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

    public ExposedTool(ProxmoxToolBase tool, ProxmoxOptions options)
    {
        _tool = tool;
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

    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default) =>
        _tool.InvokeAsync(request, cancellationToken);
}
