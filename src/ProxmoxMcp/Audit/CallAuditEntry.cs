using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Safety.Confirmation;
using ProxmoxMcp.Safety.Policy;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Audit;

/// <summary>The audit line of one tool call: who called, what, with which arguments (masked), what the safety layers decided, and how it ended.</summary>
public static class CallAuditEntry
{
    public static JsonObject Build(ToolDefinition tool, ToolInvocation invocation, ToolCall call, ConfirmationOutcome confirmation, TimeSpan duration, CallToolResult result, ArgumentMasker masker)
    {
        var origin = invocation.Origin;
        var failed = result.IsError == true;
        var entry = new JsonObject
        {
            ["time"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["session"] = origin?.Session,
            ["client"] = origin is null ? null : new JsonObject { ["name"] = origin.ClientName, ["version"] = origin.ClientVersion, ["protocol"] = origin.ProtocolVersion },
            ["tool"] = tool.Name,
            ["tier"] = ToolTierNames.Name(tool.Tier),
            ["arguments"] = masker.Mask(invocation.Arguments),
            ["confirmation"] = Name(confirmation),
            ["safety"] = call.Refusals.Count == 0
                ? "allowed"
                : new JsonObject { ["refused"] = new JsonArray(call.Refusals.Select(r => (JsonNode?)masker.MaskText(r, invocation.Arguments)).ToArray()) },
            ["tasks"] = new JsonArray(call.Tasks.Select(t => (JsonNode?)t).ToArray()),
            ["outcome"] = failed ? "error" : "ok",
            ["error"] = failed ? masker.MaskText(Text(result), invocation.Arguments) : null,
            ["duration_ms"] = (long)duration.TotalMilliseconds,
        };
        foreach (var (key, value) in call.Details)
        {
            entry[key] = value?.DeepClone();
        }
        return entry;
    }

    private static string Name(ConfirmationOutcome outcome) => outcome switch
    {
        ConfirmationOutcome.NotRequired => "not_required",
        ConfirmationOutcome.Confirmed => "confirmed",
        ConfirmationOutcome.Declined => "declined",
        ConfirmationOutcome.Cancelled => "cancelled",
        ConfirmationOutcome.TimedOut => "timed_out",
        _ => "unsupported_client",
    };

    private static string Text(CallToolResult result)
    {
        var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));
        return text.Length <= 2000 ? text : text[..2000] + "…";
    }
}
