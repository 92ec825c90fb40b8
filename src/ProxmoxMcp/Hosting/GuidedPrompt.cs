using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// One MCP prompt of <see cref="GuidedPrompts"/>: a fixed description and arguments, and a text built from the
/// arguments that walks the model through the tools, reads first. Written without reflection, like the tools.
/// </summary>
internal sealed partial class GuidedPrompt(Prompt prompt, Func<IReadOnlyDictionary<string, string>, string> render) : McpServerPrompt
{
    [GeneratedRegex("^[0-9]{3,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Vmid();

    [GeneratedRegex("^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Node();

    public override Prompt ProtocolPrompt { get; } = prompt;

    public override IReadOnlyList<object> Metadata { get; } = [];

    public override ValueTask<GetPromptResult> GetAsync(RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken = default)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Params?.Arguments ?? new Dictionary<string, JsonElement>())
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;
            if (ProtocolPrompt.Arguments?.Any(a => a.Name == name) != true)
            {
                throw Invalid($"'{name}' is not an argument of {ProtocolPrompt.Name}");
            }
            if (text is { Length: > 0 })
            {
                arguments[name] = text;
            }
        }
        foreach (var argument in ProtocolPrompt.Arguments ?? [])
        {
            if (argument.Required == true && !arguments.ContainsKey(argument.Name))
            {
                throw Invalid($"'{argument.Name}' is required: {argument.Description}");
            }
        }
        if (arguments.TryGetValue("vmid", out var vmid) && !(Vmid().IsMatch(vmid) && int.Parse(vmid, System.Globalization.CultureInfo.InvariantCulture) >= 100))
        {
            throw Invalid($"'vmid' must be a guest id from 100 to 999999999, not '{vmid}'");
        }
        if (arguments.TryGetValue("node", out var node) && !Node().IsMatch(node))
        {
            throw Invalid($"'node' must be a node name, not '{node}'");
        }
        if (arguments.TryGetValue("app", out var app) && (app.Length > 200 || app.Any(char.IsControl)))
        {
            throw Invalid("'app' must be a short name or description on one line");
        }
        return ValueTask.FromResult(new GetPromptResult
        {
            Description = ProtocolPrompt.Description,
            Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = render(arguments) } }],
        });
    }

    private McpProtocolException Invalid(string message) => new($"{ProtocolPrompt.Name}: {message}.", McpErrorCode.InvalidParams);
}
