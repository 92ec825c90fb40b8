using System.Globalization;
using System.Text;
using System.Text.Json;
using ProxmoxMcp.Api;
using ProxmoxMcp.Audit;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Safety.Policy;
using ProxmoxMcp.Tools;
using ProxmoxMcp.Tools.Preview;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Safety.Confirmation;

/// <summary>
/// Before a tool runs: decides whether the operator's rules (PROXMOX_CONFIRM) cover this call, and if
/// so asks the person through the MCP client, showing the preview of exactly this call (the requests it
/// sends and what they change, from a dry run of the tool itself). Only a yes lets the tool run, and then
/// only the changes the person saw may go out: the policy's <see cref="CallGate"/> holds the confirmed call
/// to them, so a cluster that moved between question and answer makes the call refuse instead of doing
/// something else. Anything but a yes (no, dismissed, no answer in time, a client that cannot ask) is a
/// refusal before a single change is sent; the <see cref="CallGate"/> refuses unconfirmed changes
/// underneath, so a tool cannot slip past this.
/// </summary>
public sealed class ConfirmationGate(ProxmoxOptions options, IProxmoxApi api, ArgumentMasker masker, ChangePreviewer previewer)
{
    /// <summary>Why a tool's calls are confirmed, for tools/list; null when no rule covers the tool.</summary>
    public static string? Notice(ConfirmationRules rules, ToolDefinition tool)
    {
        if (rules.AlwaysFor(tool.Name, tool.Tier))
        {
            return "Asks the user to confirm each call.";
        }
        var tags = rules.TagsFor(tool.Tier);
        return tags.Count == 0 ? null : $"Asks the user to confirm for guests tagged {string.Join(" or ", tags.Order(StringComparer.Ordinal))}.";
    }

    /// <summary>Why the operator's rules make this call ask the person first (the preview says so); null when they do not.</summary>
    public async Task<string?> ReasonAsync(ToolDefinition tool, IReadOnlyDictionary<string, JsonElement>? arguments, CancellationToken cancellationToken) =>
        (await DecideAsync(tool, arguments, cancellationToken).ConfigureAwait(false)).Reason;

    private async Task<(string? Reason, int? Vmid, GuestInfo? Guest)> DecideAsync(ToolDefinition tool, IReadOnlyDictionary<string, JsonElement>? arguments, CancellationToken cancellationToken)
    {
        var rules = options.Confirm;
        var always = rules.AlwaysFor(tool.Name, tool.Tier);
        var tags = rules.TagsFor(tool.Tier);
        if (!always && tags.Count == 0)
        {
            return (null, null, null);
        }
        var vmid = Vmid(arguments);
        GuestInfo? guest = null;
        if (vmid is not null)
        {
            var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
            guest = snapshot.Guests.FirstOrDefault(g => g.Vmid == vmid);
        }
        var reason = always ? $"PROXMOX_CONFIRM covers {tool.Name}"
            : guest?.Tags.FirstOrDefault(tags.Contains) is { } carried ? $"guest {vmid} carries the tag '{carried}'"
            : TagArguments(arguments).FirstOrDefault(tags.Contains) is { } added ? $"the call sets the tag '{added}'"
            : null;
        return (reason, vmid, guest);
    }

    /// <summary>Returns the outcome when the call may proceed; throws <see cref="ConfirmationRefusedException"/> otherwise.</summary>
    public async Task<ConfirmationOutcome> ConfirmAsync(ProxmoxToolBase tool, ToolInvocation invocation, ToolCall call)
    {
        var definition = tool.Definition;
        var (reason, vmid, guest) = await DecideAsync(definition, invocation.Arguments, invocation.CancellationToken).ConfigureAwait(false);
        if (reason is null)
        {
            return ConfirmationOutcome.NotRequired;
        }
        // The person reads the preview of this very call, the same text the preview tool gives.
        var (preview, plan) = await previewer.PreviewAsync(tool, invocation.Arguments, reason, invocation.CancellationToken).ConfigureAwait(false);
        if (plan.IsEmpty)
        {
            // It would change nothing (already as asked, invalid, refused): there is nothing to say yes to. It runs
            // unconfirmed, so a change it might still attempt, should the cluster move meanwhile, is refused underneath.
            return ConfirmationOutcome.NotRequired;
        }
        var setting = $"PROXMOX_CONFIRM={options.Confirm}";
        if (invocation.Confirmer is not { CanAsk: true } channel)
        {
            throw new ConfirmationRefusedException(ConfirmationOutcome.Unsupported,
                $"{definition.Name} needs a person's confirmation ({reason}; {setting}), but this client cannot ask its user: it did not declare the MCP elicitation capability. " +
                "Nothing was sent to Proxmox. Use an MCP client that supports elicitation, or ask a human to change PROXMOX_CONFIRM.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(invocation.CancellationToken);
        timeout.CancelAfter(options.ConfirmTimeout);
        ConfirmationAnswer answer;
        try
        {
            var question = new ConfirmationQuestion(Summary(definition, invocation.Arguments, vmid, guest, preview), definition.Name, invocation.Arguments, options.ConfirmTimeout, PlanDigest(plan));
            answer = await channel.AskAsync(question, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!invocation.CancellationToken.IsCancellationRequested)
        {
            answer = ConfirmationAnswer.TooLate;
        }
        switch (answer)
        {
            case ConfirmationAnswer.TooLate:
                throw new ConfirmationRefusedException(ConfirmationOutcome.TimedOut,
                    $"{definition.Name} was not confirmed: no answer within {options.ConfirmTimeout.TotalSeconds:0} s (PROXMOX_CONFIRM_TIMEOUT), which counts as no. Nothing was sent to Proxmox.");
            case ConfirmationAnswer.Yes:
                call.MarkConfirmed(plan.Requests);
                return ConfirmationOutcome.Confirmed;
            case ConfirmationAnswer.No:
                throw new ConfirmationRefusedException(ConfirmationOutcome.Declined,
                    $"The user declined {definition.Name}{On(vmid, guest)}. Nothing was sent to Proxmox; do not retry unless the user asks for it.");
            default:
                throw new ConfirmationRefusedException(ConfirmationOutcome.Cancelled,
                    $"The user dismissed the confirmation of {definition.Name}{On(vmid, guest)} without answering. Nothing was sent to Proxmox.");
        }
    }

    /// <summary>
    /// The changes a question is about, as one digest: an answer given by way of a request state (HTTP clients
    /// without a session) counts only for a call whose preview still plans exactly these changes.
    /// </summary>
    private static string PlanDigest(Safety.Preview.PreviewLog plan)
    {
        var text = new StringBuilder();
        foreach (var request in plan.Requests)
        {
            text.Append(request.Method).Append(' ').Append(request.Path).Append(' ').Append(request.Allowed);
            foreach (var (key, value) in request.Parameters)
            {
                text.Append('\n').Append(key).Append('=').Append(value);
            }
            text.Append('\n');
        }
        foreach (var command in plan.Commands)
        {
            text.Append(command.Target).Append(' ').Append(JsonSerializer.Serialize(command.Argv)).Append('\n');
        }
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>What the person reads: the tool, the guest it acts on, every argument (secrets masked), and the call's preview.</summary>
    private string Summary(ToolDefinition tool, IReadOnlyDictionary<string, JsonElement>? arguments, int? vmid, GuestInfo? guest, Tools.Results.ChangePreview preview)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Confirm {tool.Name} ({tool.Title}){On(vmid, guest)}.\n");
        // Whole values: the person approves exactly what is sent, so nothing is cut short here (the audit is bounded).
        var masked = masker.Mask(arguments, bounded: false);
        if (masked.Count > 0)
        {
            text.Append("Arguments:\n");
            foreach (var (key, value) in masked)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {ShownText.Of(key)} = {ShownText.Of(value?.ToJsonString(ReadableJson) ?? "null")}\n");
            }
        }
        text.Append(ShownText.Text(preview.ToCompactText(), keepLineBreaks: true)).Append('\n');
        text.Append("Nothing is sent to Proxmox unless you confirm; a yes covers exactly the requests above, in this one call.");
        return text.ToString();
    }

    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string On(int? vmid, GuestInfo? guest) =>
        guest is not null ? $" on {guest.Label} \"{ShownText.Text(guest.Name)}\" (node {ShownText.Text(guest.Node)}{(guest.Tags.Count > 0 ? ", tags " + ShownText.Text(string.Join(";", guest.Tags)) : string.Empty)})"
        : vmid is not null ? $" for guest {vmid}"
        : string.Empty;

    private static int? Vmid(IReadOnlyDictionary<string, JsonElement>? arguments) =>
        arguments is not null && arguments.TryGetValue("vmid", out var value) && ArgumentBinder.TryReadInteger(value, out var vmid) && vmid is >= 0 and <= int.MaxValue ? (int)vmid : null;

    /// <summary>Tags the call would set: a tags argument, or a tags key inside an options object (set_*_config).</summary>
    private static IEnumerable<string> TagArguments(IReadOnlyDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null)
        {
            return [];
        }
        var values = new List<JsonElement>();
        foreach (var (name, value) in arguments)
        {
            if (name == "tags")
            {
                values.Add(value);
            }
            else if (value.ValueKind == JsonValueKind.Object)
            {
                values.AddRange(value.EnumerateObject().Where(p => p.Name == "tags").Select(p => p.Value));
            }
        }
        return values.SelectMany(tags => tags.ValueKind switch
        {
            JsonValueKind.Array => tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).SelectMany(t => Policy.Rules.TagListRule.Split(t.GetString())),
            JsonValueKind.String => Policy.Rules.TagListRule.Split(tags.GetString()),
            _ => [],
        });
    }
}
