using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Api;
using ProxmoxMcp.Audit;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Safety.Confirmation;
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
            InputSchema = ParseSchema(definition.PublishedInputSchemaJson),
            OutputSchema = ParseSchema(definition.PublishedOutputSchemaJson),
            // Only what differs from the MCP defaults (read-only false, destructive true, idempotent false,
            // open world true): every byte of tools/list sits in the model's context.
            Annotations = new ToolAnnotations
            {
                ReadOnlyHint = definition.ReadOnlyHint ? true : null,
                DestructiveHint = definition.ReadOnlyHint ? null : definition.DestructiveHint,
                IdempotentHint = !definition.ReadOnlyHint && definition.IdempotentHint ? true : null,
                OpenWorldHint = definition.OpenWorldHint ? null : false,
            },
        };
        _waitDefault = ProtocolTool.InputSchema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(WaitArgument, out var wait)
            ? wait.TryGetProperty("default", out var fallback) && fallback.TryGetInt32(out var seconds) ? seconds : 0
            : null;
    }

    /// <summary>The argument of tools that wait for a Proxmox task or a command.</summary>
    public const string WaitArgument = "timeout_seconds";

    /// <summary>
    /// Names the one session of a stdio server (the SDK gives stdio none) in audit lines, so the calls of
    /// one conversation can be told apart from the next process's.
    /// </summary>
    private static readonly string LocalSession = "stdio-" + Guid.NewGuid().ToString("N")[..12];

    private readonly int? _waitDefault;

    public ToolDefinition Definition { get; }

    /// <summary>Whether the tool has a timeout_seconds argument, which its time budget adds to the tier's.</summary>
    public bool Waits => _waitDefault is not null;

    public ToolTier Tier => Definition.Tier;

    public override Tool ProtocolTool { get; }

    public override IReadOnlyList<object> Metadata { get; } = [];

    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default) =>
        InvokeAsync(request, new McpConfirmationChannel(request.Server), cancellationToken);

    /// <param name="request">The MCP call.</param>
    /// <param name="confirmer">How this call's client is asked for a yes: on its session, or with an input-required result when it has none.</param>
    /// <param name="cancellationToken">The call's cancellation.</param>
    public ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, IConfirmationChannel confirmer, CancellationToken cancellationToken)
    {
        var services = request.Services ?? throw new InvalidOperationException("The MCP server was created without a service provider.");
        IToolProgress progress = request.Params?.ProgressToken is { } token
            ? new McpToolProgress(request.Server, token)
            : ToolProgress.None;
        var arguments = request.Params?.Arguments as IReadOnlyDictionary<string, JsonElement>
            ?? request.Params?.Arguments?.ToDictionary(StringComparer.Ordinal);
        var server = request.Server;
        var origin = new CallOrigin(server.SessionId ?? LocalSession, server.ClientInfo?.Name, server.ClientInfo?.Version, server.NegotiatedProtocolVersion);
        return InvokeAsync(new ToolInvocation(arguments, services, progress, cancellationToken, origin, confirmer));
    }

    /// <summary>
    /// Runs the tool outside MCP too (the <c>call</c> CLI command), through the same layers: the
    /// operator's confirmation rules, the time budget, the safety policy under every API call, and one
    /// audit line for the call whatever its outcome.
    /// </summary>
    public async ValueTask<CallToolResult> InvokeAsync(ToolInvocation invocation)
    {
        var call = new ToolCall(Definition.Name, Tier);
        // Every API call made from here on is on this call's behalf: the policy grants exec-only reads
        // by it, and refuses changes unless the call is of an exposed tier and confirmed where required.
        using var caller = PolicyCaller.Enter(Definition.Name, Role, call);
        var started = Stopwatch.GetTimestamp();
        var confirmation = ConfirmationOutcome.NotRequired;
        CallToolResult result;
        try
        {
            ArgumentText.EnsureValid(invocation.Arguments);
            if (invocation.Services.GetService<ConfirmationGate>() is { } gate)
            {
                confirmation = await gate.ConfirmAsync(this, invocation, call).ConfigureAwait(false);
            }
            result = await RunWithinBudgetAsync(invocation, call).ConfigureAwait(false);
        }
        catch (InputRequiredException)
        {
            // The question goes to the client as an input-required result; the call is repeated with the
            // answer and audited then. Nothing was sent to Proxmox.
            throw;
        }
        catch (ConfirmationRefusedException exception)
        {
            confirmation = exception.Outcome;
            Log(invocation).LogWarning("Tool {Tool}: not confirmed ({Outcome})", Definition.Name, exception.Outcome);
            result = ToolResults.Error(exception.Message);
        }
        catch (ToolBudgetExceededException exception)
        {
            Log(invocation).LogWarning("Tool {Tool}: {Message}", Definition.Name, exception.Message);
            result = ToolResults.Error(exception.Message);
        }
        catch (ToolInputException exception)
        {
            result = ToolResults.Error(exception.Message);
        }
        catch (SafetyRefusedException exception)
        {
            Log(invocation).LogWarning("Tool {Tool}: refused by the safety policy: {Reason}", Definition.Name, exception.Message);
            result = ToolResults.Error(exception.Message);
        }
        catch (ProxmoxApiException exception)
        {
            result = ToolResults.Error(exception.Message);
        }
        catch (OperationCanceledException) when (!invocation.CancellationToken.IsCancellationRequested)
        {
            result = ToolResults.Error($"{Definition.Name} timed out waiting for Proxmox.");
        }
        catch (OperationCanceledException)
        {
            Audit(invocation, call, confirmation, started, ToolResults.Error("cancelled by the client"));
            throw;
        }
        catch (Exception exception)
        {
            Log(invocation).LogError(exception, "Tool {Tool} failed unexpectedly", Definition.Name);
            result = ToolResults.Error($"{Definition.Name} failed: {exception.Message}");
        }
        Audit(invocation, call, confirmation, started, result);
        return result;
    }

    /// <summary>
    /// Runs the tool's own binding, validation and code as a dry run (the preview tool, the confirmation's
    /// summary): on behalf of a call that carries <paramref name="preview"/>, each change is recorded instead of
    /// sent. No confirmation and no audit line of its own: the call that asked for the dry run has those.
    /// Returns the tool's result or error, or null where the dry run stopped because only a real answer could go on.
    /// </summary>
    internal async ValueTask<CallToolResult?> DryRunAsync(ToolInvocation invocation, Safety.Preview.PreviewLog preview)
    {
        var call = new ToolCall(Definition.Name, Tier, preview);
        using var caller = PolicyCaller.Enter(Definition.Name, Role, call);
        try
        {
            ArgumentText.EnsureValid(invocation.Arguments);
            return await InvokeToEndAsync(invocation, call).ConfigureAwait(false);
        }
        catch (Safety.Preview.PreviewHaltedException exception)
        {
            preview.Halt(exception.Message);
            return null;
        }
        catch (Exception exception) when (exception is ToolInputException or SafetyRefusedException or ProxmoxApiException)
        {
            return ToolResults.Error(exception.Message);
        }
    }

    private CallerRole Role => Tier == ToolTier.GuestExec ? CallerRole.GuestExec : CallerRole.Tool;

    /// <summary>
    /// The tier's budget (PROXMOX_TIME_BUDGETS), plus the tool's own wait (timeout_seconds) when it has one.
    /// On expiry the call answers with an error that names the budget and the Proxmox tasks it started,
    /// which go on; the tool's work is cancelled and the server serves other calls meanwhile.
    /// </summary>
    private async ValueTask<CallToolResult> RunWithinBudgetAsync(ToolInvocation invocation, ToolCall call)
    {
        var options = invocation.Services.GetService<ProxmoxOptions>();
        if (options is null)
        {
            return await InvokeToEndAsync(invocation, call).ConfigureAwait(false);
        }
        var tierBudget = options.Budgets.For(Tier);
        var wait = WaitSeconds(invocation.Arguments);
        var budget = tierBudget + TimeSpan.FromSeconds(wait ?? 0);
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(invocation.CancellationToken);
        expiry.CancelAfter(budget);
        var work = InvokeToEndAsync(invocation with { CancellationToken = expiry.Token }, call);
        try
        {
            return await work.WaitAsync(expiry.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !invocation.CancellationToken.IsCancellationRequested)
        {
            // The work may still finish or fail after this answer; its outcome is observed, not lost.
            _ = work.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            var budgetText = wait is { } seconds
                ? $"{budget.TotalSeconds:0} s (timeout_seconds {seconds} + {tierBudget.TotalSeconds:0} s for the {ToolTierNames.Name(Tier)} tier)"
                : $"{budget.TotalSeconds:0} s (the {ToolTierNames.Name(Tier)} tier's budget)";
            var tasks = call.Tasks;
            throw new ToolBudgetExceededException(
                $"{Definition.Name} stopped at its time budget of {budgetText}, set by PROXMOX_TIME_BUDGETS. " +
                (tasks.Count > 0
                    ? $"Proxmox task(s) it started still run and were not cancelled: {string.Join(", ", tasks)}; follow them with task_status."
                    : Tier == ToolTier.Read
                        // Read tools (preview included) are refused every write by the policy, so nothing can be in flight.
                        ? "It only reads, so nothing changed; retry it, or ask for less."
                        : "It had started no Proxmox task; anything it sent may still take effect, so check the guest before retrying."));
        }
    }

    /// <summary>timeout_seconds as the tool will bind it: the argument, or the schema's default.</summary>
    private int? WaitSeconds(IReadOnlyDictionary<string, JsonElement>? arguments)
    {
        if (_waitDefault is null)
        {
            return null;
        }
        return arguments is not null && arguments.TryGetValue(WaitArgument, out var value) && ArgumentBinder.TryReadInteger(value, out var seconds) && seconds is > 0 and <= 86_400
            ? (int)seconds
            : _waitDefault;
    }

    private void Audit(ToolInvocation invocation, ToolCall call, ConfirmationOutcome confirmation, long started, CallToolResult result)
    {
        if (invocation.Services.GetService<AuditLog>() is not { } log || invocation.Services.GetService<ArgumentMasker>() is not { } masker)
        {
            return;
        }
        JsonObject entry;
        try
        {
            entry = CallAuditEntry.Build(Definition, invocation, call, confirmation, Stopwatch.GetElapsedTime(started), result, masker);
        }
        catch (Exception exception)
        {
            // Whatever the arguments were, the call leaves a line: the audit never loses a call to its own failure.
            Log(invocation).LogError(exception, "audit: the entry of {Tool} could not be built", Definition.Name);
            entry = new JsonObject
            {
                ["time"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["tool"] = Definition.Name,
                ["tasks"] = new JsonArray(call.Tasks.Select(t => (JsonNode?)t).ToArray()),
                ["outcome"] = result.IsError == true ? "error" : "ok",
                ["audit_error"] = $"the arguments could not be recorded ({exception.GetType().Name})",
            };
        }
        log.Record(entry);
    }

    protected abstract ValueTask<CallToolResult> InvokeCoreAsync(ToolInvocation invocation);

    /// <summary>The tool's code, then the end of every request it sent: nothing of a call arrives after its answer.</summary>
    private async Task<CallToolResult> InvokeToEndAsync(ToolInvocation invocation, ToolCall call)
    {
        try
        {
            return await InvokeCoreAsync(invocation).ConfigureAwait(false);
        }
        finally
        {
            await call.AllSentEndedAsync().ConfigureAwait(false);
        }
    }

    private ILogger Log(ToolInvocation invocation) =>
        invocation.Services.GetService<ILoggerFactory>()?.CreateLogger("ProxmoxMcp.Tools") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private static JsonElement ParseSchema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
