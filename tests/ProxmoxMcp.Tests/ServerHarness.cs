using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Sandbox;
using ProxmoxMcp.Tasks;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests;

/// <summary>
/// A sandbox cluster over real loopback HTTPS, the real server wired as in production, and the
/// SDK's real McpClient talking to it over in-process pipes, as the SDK's own tests do.
/// </summary>
public sealed class ServerHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _serverRun;

    private ServerHarness(SandboxServer sandbox, ProxmoxOptions options, ServiceProvider services, CollectingLoggerProvider logs)
    {
        Sandbox = sandbox;
        Options = options;
        Services = services;
        Logs = logs;
    }

    /// <summary>Everything the server logged.</summary>
    public CollectingLoggerProvider Logs { get; }

    /// <summary>
    /// Calls the safety interceptor refused. Tools validate first and explain, so every test expects
    /// none: a refusal here means a tool tried to send something it should have caught itself.
    /// </summary>
    public IReadOnlyList<string> PolicyRefusals => Logs.Lines.Where(l => l.StartsWith("Safety policy refused", StringComparison.Ordinal)).ToList();

    public SandboxServer Sandbox { get; }

    public ProxmoxOptions Options { get; }

    public ServiceProvider Services { get; }

    public McpClient Client { get; private set; } = null!;

    private readonly List<string> _results = [];
    private readonly List<string> _argumentSecrets = [];

    /// <summary>Set by tests that deliberately drive a refusal into the interceptor.</summary>
    public int ExpectPolicyRefusals { get; set; }

    /// <param name="configure">Changes to the server's options.</param>
    /// <param name="sandboxOptions">How the sandbox behaves.</param>
    /// <param name="token">Which of the sandbox's tokens the server uses (full access by default).</param>
    /// <param name="client">How the MCP client presents itself (capabilities, an elicitation handler, a protocol version).</param>
    /// <param name="login">Log in with this user's password instead of a token.</param>
    public static async Task<ServerHarness> StartAsync(Func<ProxmoxOptions, ProxmoxOptions>? configure = null, SandboxOptions? sandboxOptions = null, Func<SandboxTokens, SandboxToken>? token = null, McpClientOptions? client = null,
        Func<SandboxLogins, SandboxLogin>? login = null)
    {
        var sandbox = await SandboxServer.StartAsync(sandboxOptions ?? new SandboxOptions(), TestContext.Current.CancellationToken);
        var options = login is not null ? SandboxConnection.OptionsFor(sandbox, login(sandbox.Logins)) : OptionsFor(sandbox, token?.Invoke(sandbox.Tokens) ?? sandbox.Tokens.Full);
        options = configure?.Invoke(options) ?? options;
        var logs = new CollectingLoggerProvider();
        var services = ServerServices.Build(options, LogLevel.Information, new TaskTrackerOptions { FirstPollDelay = TimeSpan.FromMilliseconds(50), MaxPollDelay = TimeSpan.FromMilliseconds(200), ResourceWatchInterval = TimeSpan.FromMilliseconds(100) },
            logging => logging
                .AddProvider(logs)
                // Keep test output readable: the console shows warnings; the collector sees everything.
                .AddFilter<StderrLoggerProvider>(null, LogLevel.Warning));
        var harness = new ServerHarness(sandbox, options, services, logs);
        await harness.ConnectAsync(client);
        return harness;
    }

    public static ProxmoxOptions OptionsFor(SandboxServer sandbox, SandboxToken token) => SandboxConnection.OptionsFor(sandbox, token);

    private async Task ConnectAsync(McpClientOptions? clientOptions)
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var loggerFactory = Services.GetRequiredService<ILoggerFactory>();
        var serverOptions = McpServerFactory.CreateOptions(ToolCatalog.Exposed(Options), Options, Services);
        var server = McpServer.Create(new StreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream(), "test", loggerFactory), serverOptions, loggerFactory, Services);
        _serverRun = server.RunAsync(_stop.Token);
        Client = await McpClient.CreateAsync(new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream(), loggerFactory), clientOptions, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Calls a tool through the MCP client; a success result is checked against the tool's declared output schema.</summary>
    public async Task<CallToolResult> CallAsync(string tool, object? arguments = null, IProgress<ModelContextProtocol.ProgressNotificationValue>? progress = null)
    {
        var dictionary = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments))!;
        lock (_results)
        {
            _argumentSecrets.AddRange(Hardening.SecretScan.ArgumentSecrets(dictionary));
        }
        var result = await Client.CallToolAsync(tool, dictionary, progress, cancellationToken: TestContext.Current.CancellationToken);
        lock (_results)
        {
            _results.Add(Text(result) + "\n" + (result.StructuredContent?.GetRawText() ?? string.Empty));
        }
        if (result.IsError != true)
        {
            var listed = (await Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Single(t => t.Name == tool);
            result.StructuredContent.ShouldNotBeNull($"{tool} returned no structuredContent");
            JsonSchemaValidator.Validate(listed.ProtocolTool.OutputSchema!.Value, result.StructuredContent!.Value).ShouldBeEmpty();
            // The full schema too: the published one leaves out additionalProperties: false.
            using var full = JsonDocument.Parse(ToolCatalog.All.Single(t => t.Definition.Name == tool).Definition.OutputSchemaJson);
            JsonSchemaValidator.Validate(full.RootElement, result.StructuredContent!.Value).ShouldBeEmpty();
        }
        return result;
    }

    /// <summary>
    /// Starts a tool call and cancels it with notifications/cancelled after <paramref name="after"/>, as
    /// MCP clients do when the user stops a request. (Sent explicitly: the SDK's own McpClient did not
    /// send the notification in these tests.) The call never answers once cancelled.
    /// </summary>
    public async Task CallAndCancelAsync(string tool, object arguments, TimeSpan after)
    {
        var id = new RequestId("cancel-" + Guid.NewGuid().ToString("N"));
        var request = new JsonRpcRequest
        {
            Id = id,
            Method = RequestMethods.ToolsCall,
            Params = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(new { name = tool, arguments })),
        };
        _ = Client.SendRequestAsync(request, CancellationToken.None);
        await Task.Delay(after, TestContext.Current.CancellationToken);
        await Client.SendMessageAsync(new JsonRpcNotification
        {
            Method = NotificationMethods.CancelledNotification,
            Params = System.Text.Json.Nodes.JsonNode.Parse($$"""{"requestId":"{{id}}","reason":"test"}"""),
        }, TestContext.Current.CancellationToken);
    }

    public static string Text(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    /// <summary>
    /// Every request the server sent, checked against the official schema: path, method, parameter
    /// names, types and enums. Run when each harness ends, so every test doubles as a contract test.
    /// </summary>
    public IReadOnlyList<string> ContractProblems()
    {
        if (PveSchema.TryLoad("9.1.3") is not { } schema)
        {
            return [];
        }
        return Sandbox.Requests.Snapshot().SelectMany(r => schema.Check(r.Method, r.Path, r.Parameters)).Distinct().ToList();
    }

    public async ValueTask DisposeAsync()
    {
        var problems = ContractProblems();
        await Client.DisposeAsync();
        await _stop.CancelAsync();
        if (_serverRun is not null)
        {
            try
            {
                await _serverRun;
            }
            catch (OperationCanceledException)
            {
            }
        }
        await Services.DisposeAsync();
        await Sandbox.DisposeAsync();
        _stop.Dispose();
        var audit = Options.AuditLogPath is { } path && File.Exists(path) ? File.ReadAllLines(path) : [];
        var leaks = Hardening.SecretScan.Scan(
            new[] { Options.TokenValue, Options.Password ?? string.Empty, Options.Ssh.Password ?? string.Empty }.Concat(Sandbox.Logins.IssuedSecrets).Concat(_argumentSecrets),
            Logs.Lines.Select(l => ("log", l)).Concat(_results.Select(r => ("tool result", r))).Concat(audit.Select(a => ("audit file", a))));
        leaks.ShouldBeEmpty("secrets appeared in what this server wrote");
        problems.ShouldBeEmpty("requests the server sent that the real Proxmox would refuse");
        if (ExpectPolicyRefusals == 0)
        {
            PolicyRefusals.ShouldBeEmpty("tools must validate before the safety interceptor has to refuse");
        }
    }
}
