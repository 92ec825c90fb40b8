using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Api;
using ProxmoxMcp.Audit;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Safety.Policy;
using ProxmoxMcp.Safety.Policy.Requirements;
using ProxmoxMcp.Safety.Preview;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools.Preview;

/// <summary>
/// Previews a change tool by running the tool itself as a dry run (<see cref="ProxmoxToolBase.DryRunAsync"/>):
/// its own validation, its own reads and the safety policy on every request, with each change recorded instead
/// of sent. The request list is therefore what the real call sends, and a confirmed call is held to it. Then
/// it reads what a person needs to judge the change: the configuration diff with pending values, the new
/// guest and its storage, the guest's power and HA state, or the command and where it runs.
/// </summary>
public sealed class ChangePreviewer(IServiceProvider services, IProxmoxApi api, ProxmoxOptions options, ArgumentMasker masker)
{
    /// <summary>Runs the dry run and gathers the facts. <paramref name="confirmation"/>: why the real call asks the user first, if it does.</summary>
    public async Task<(ChangePreview Preview, PreviewLog Plan)> PreviewAsync(ProxmoxToolBase tool, IReadOnlyDictionary<string, JsonElement>? arguments, string? confirmation, CancellationToken cancellationToken)
    {
        var plan = new PreviewLog();
        var result = await tool.DryRunAsync(new ToolInvocation(arguments, services, ToolProgress.None, cancellationToken), plan).ConfigureAwait(false);
        var name = tool.Definition.Name;
        var error = result is { IsError: true } ? masker.MaskText(Text(result), arguments) : null;
        var requests = plan.Requests;
        var outcome = requests.Any(r => !r.Allowed) ? PreviewOutcome.Refused
            : error is not null ? PreviewOutcome.Fails
            : plan.IsEmpty ? PreviewOutcome.NoChange
            : PreviewOutcome.Changes;
        var changes = requests.Count(r => r.Allowed);
        var message = outcome switch
        {
            PreviewOutcome.Refused => "the safety policy would refuse it; nothing would be sent from the refused request on.",
            PreviewOutcome.Fails => changes == 0 ? "the call would fail before sending anything." : $"the call would send {changes} change(s), then fail.",
            PreviewOutcome.NoChange when result?.StructuredContent is { } reserved && name == "allocate_vmid" =>
                $"it would reserve vmid {reserved.GetProperty("vmid").GetInt32()} in this server for a few minutes; nothing is sent to Proxmox, and the preview reserves nothing.",
            PreviewOutcome.NoChange => FirstLine(result is null ? null : Text(result)) ?? "nothing would be sent.",
            _ => tool.Tier == ToolTier.GuestExec ? "it would run a command in the guest." : $"it would send {changes} change(s).",
        };

        var guest = await GuestAsync(arguments, cancellationToken).ConfigureAwait(false);
        var facts = new Facts(null, null, null, null);
        try
        {
            facts = tool.Tier switch
            {
                ToolTier.Lifecycle when guest is not null => facts with { Power = await PowerAsync(name, guest, cancellationToken).ConfigureAwait(false) },
                ToolTier.GuestExec => facts with { Exec = Exec(tool, arguments, guest, plan, error) },
                _ when name is "set_vm_config" or "set_container_config" && guest is not null => facts with { Config = await ConfigAsync(guest, result, requests, cancellationToken).ConfigureAwait(false) },
                _ when name.StartsWith("create_", StringComparison.Ordinal) || name.StartsWith("clone_", StringComparison.Ordinal) => facts with { NewGuest = await NewGuestAsync(requests, cancellationToken).ConfigureAwait(false) },
                _ => facts,
            };
        }
        catch (ProxmoxApiException exception)
        {
            // The facts are for a person's judgement; the request list above stands without them.
            message += $" (Details could not be read: {exception.Message})";
        }

        var preview = new ChangePreview(
            name,
            outcome,
            message,
            confirmation,
            SafetySnapshotOf(requests),
            requests.Select(Show).ToList(),
            plan.Commands.Count == 0 ? null : plan.Commands.Select(c => new PreviewCommand(c.Node, c.Target, c.Argv.Select(masker.MaskText).ToList())).ToList(),
            plan.HaltedBecause,
            outcome == PreviewOutcome.Refused ? masker.MaskText(requests.First(r => !r.Allowed).Refusal ?? string.Empty, arguments) : error,
            facts.Config,
            facts.NewGuest,
            facts.Power,
            facts.Exec);
        return (preview, plan);
    }

    /// <summary>The safety snapshot the call takes first, if it does: its name and how a human goes back to it.</summary>
    private static string? SafetySnapshotOf(IReadOnlyList<PlannedRequest> requests)
    {
        foreach (var request in requests.Where(r => r.Allowed && r.Method == "POST" && r.Path.EndsWith("/snapshot", StringComparison.Ordinal)))
        {
            var name = request.Parameters.LastOrDefault(p => p.Key == "snapname").Value;
            var segments = request.Path.Trim('/').Split('/');
            if (name is not null && name.StartsWith(Safety.Snapshots.SafetySnapshots.Prefix, StringComparison.Ordinal) && segments.Length >= 4)
            {
                return $"{name} (named for the time it is taken; PROXMOX_SNAPSHOT_BEFORE); going back stays a human's: {(segments[2] == "qemu" ? "qm" : "pct")} rollback {segments[3]} {name} on node {segments[1]}";
            }
        }
        return null;
    }

    private sealed record Facts(ConfigPreview? Config, NewGuestPreview? NewGuest, PowerPreview? Power, ExecPreview? Exec);

    /// <summary>The request as a person reads it: the server's secrets and secret-looking parameters masked, SSH keys shortened.</summary>
    private PreviewRequest Show(PlannedRequest request) =>
        new(request.Method, request.Path, request.Parameters.Select(p => $"{p.Key}={MaskValue(p.Key, p.Value)}").ToList(), request.Allowed, request.Refusal, request.Note);

    private string MaskValue(string key, string value)
    {
        if (value == PreviewAnswers.UnknownDigest && key == "digest")
        {
            return "(read when it runs)";
        }
        // Whole values: a yes covers exactly what is shown, so nothing a request carries is cut short here.
        var masked = masker.Mask(new Dictionary<string, JsonElement> { [key] = JsonSerializer.SerializeToElement(value) }, bounded: false)[key];
        return masked?.GetValueKind() == JsonValueKind.String ? masked.GetValue<string>() : masked?.ToJsonString() ?? string.Empty;
    }

    private async Task<GuestInfo?> GuestAsync(IReadOnlyDictionary<string, JsonElement>? arguments, CancellationToken cancellationToken)
    {
        if (arguments is null || !arguments.TryGetValue("vmid", out var value) || !ArgumentBinder.TryReadInteger(value, out var vmid))
        {
            return null;
        }
        var snapshot = await ClusterSnapshot.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        return snapshot.Guests.FirstOrDefault(g => g.Vmid == vmid);
    }

    private static string Label(GuestInfo guest) => $"{guest.Label} ({guest.Name})";

    /// <summary>The diff: the tool's own before and after, with the value each option has now and any value waiting for a restart.</summary>
    private async Task<ConfigPreview?> ConfigAsync(GuestInfo guest, CallToolResult? result, IReadOnlyList<PlannedRequest> requests, CancellationToken cancellationToken)
    {
        if (result is not { IsError: not true, StructuredContent: { } structured })
        {
            return null;
        }
        var update = structured.Deserialize<ConfigUpdateResult>(ToolJson.Options)!;
        var put = requests.LastOrDefault(r => r.Method == "PUT" && r.Path.EndsWith("/config", StringComparison.Ordinal));
        var digest = put?.Parameters.LastOrDefault(p => p.Key == "digest").Value ?? update.Digest;
        var pending = (await api.GetAsync(ApiPath.Build("nodes", guest.Node, guest.ApiKind, guest.Vmid, "pending"), cancellationToken: cancellationToken).ConfigureAwait(false))
            .Items().Where(i => i.String("key") is { } key && key != "digest")
            .ToDictionary(i => i.String("key")!, i => (Value: i.String("value"), Pending: i.String("pending") ?? (i.Int64("delete") is > 0 ? "(removed)" : null)), StringComparer.Ordinal);
        var lines = update.Changes.Select(change =>
        {
            var now = pending.TryGetValue(change.Key, out var item) ? item : (Value: change.Before, Pending: null);
            var secret = ConfigKeyCatalog.IsSecret(change.Key);
            return new ConfigDiffLine(change.Key, secret && now.Value is not null ? "(set)" : now.Value, secret && now.Pending is not null ? "(set)" : now.Pending, change.After);
        }).ToList();
        var others = pending.Where(p => p.Value.Pending is not null && update.Changes.All(c => c.Key != p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => ConfigKeyCatalog.IsSecret(p.Key) ? new ConfigDiffLine(p.Key, "(set)", "(set)", null) : new ConfigDiffLine(p.Key, p.Value.Value, p.Value.Pending, null))
            .ToList();
        return new ConfigPreview(Label(guest), digest, lines, others);
    }

    /// <summary>The guest a create or clone would make: its id, node, configuration and what it takes from each storage.</summary>
    private async Task<NewGuestPreview?> NewGuestAsync(IReadOnlyList<PlannedRequest> requests, CancellationToken cancellationToken)
    {
        foreach (var request in requests.Where(r => r.Method == "POST"))
        {
            if (Operation(request) is not { } match || match.Operation.CreatesGuestIn is not { } idKey
                || !int.TryParse(request.Parameters.LastOrDefault(p => p.Key == idKey).Value, NumberStyles.None, CultureInfo.InvariantCulture, out var vmid))
            {
                continue;
            }
            var parameter = (string key) => request.Parameters.LastOrDefault(p => p.Key == key).Value;
            var node = match.Values["node"];
            var kind = match.Operation.Path.Text.Contains("/lxc", StringComparison.Ordinal) ? GuestKind.Container : GuestKind.Vm;
            var config = new SortedDictionary<string, string>(StringComparer.Ordinal);
            IReadOnlyDictionary<string, long> bytes;
            if (idKey == "newid")
            {
                // A clone takes its source's configuration, with its own name, new MAC addresses and (full) its own copies of the disks.
                var source = await api.GetAsync(ApiPath.Build("nodes", node, kind == GuestKind.Vm ? "qemu" : "lxc", match.Values["vmid"], "config"), cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var property in source.EnumerateObject().Where(p => p.Name is not ("digest" or "template" or "lock") && !ConfigKeyCatalog.IsSecret(p.Name)))
                {
                    config[property.Name] = property.Value.ToString();
                }
                foreach (var key in new[] { "name", "hostname", "description", "pool" })
                {
                    if (parameter(key) is { } value)
                    {
                        config[key] = value;
                    }
                }
                // ...and then what the server sets on the clone once it exists (its own tag).
                var later = requests.Where(r => r.Method == "PUT" && r.Path == ApiPath.Build("nodes", parameter("target") ?? node, kind == GuestKind.Vm ? "qemu" : "lxc", vmid, "config"));
                foreach (var (key, value) in later.SelectMany(r => r.Parameters).Where(p => p.Key != "digest"))
                {
                    config[key] = MaskValue(key, value);
                }
                var copies = CloneFitsRequirement.BytesByStorage(source, parameter("full"), parameter("storage"));
                config["(disks)"] = copies is null ? "linked to the template's disks" : "full copies";
                bytes = copies ?? new Dictionary<string, long>();
                node = parameter("target") ?? node;
            }
            else
            {
                foreach (var (key, value) in request.Parameters.Where(p => p.Key != idKey))
                {
                    config[key] = MaskValue(key, value);
                }
                bytes = NewVolumesFitRequirement.BytesByStorage(match.Operation, request.Parameters);
            }
            var storages = await api.GetAsync(ApiPath.Build("nodes", node, "storage"), cancellationToken: cancellationToken).ConfigureAwait(false);
            var uses = bytes.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b =>
            {
                var free = storages.Items().FirstOrDefault(s => s.String("storage") == b.Key) is { ValueKind: JsonValueKind.Object } storage ? storage.Int64("avail") : null;
                return new StorageUse(b.Key, b.Value, free, free - b.Value);
            }).ToList();
            return new NewGuestPreview(vmid, kind, node, config, uses);
        }
        return null;
    }

    /// <summary>The guest's state now, whether HA looks after it, and what the action means for it.</summary>
    private async Task<PowerPreview> PowerAsync(string tool, GuestInfo guest, CancellationToken cancellationToken)
    {
        var status = await api.GetAsync(ApiPath.Build("nodes", guest.Node, guest.ApiKind, guest.Vmid, "status", "current"), cancellationToken: cancellationToken).ConfigureAwait(false);
        var running = status.String("status") == "running";
        var paused = status.String("qmpstatus") is "paused" or "suspended";
        var state = running ? (paused ? "running but paused" : "running") : status.String("status") ?? "unknown";
        bool? managed = null;
        string? haState = null;
        try
        {
            var sids = new[] { $"{(guest.Kind == GuestKind.Vm ? "vm" : "ct")}:{guest.Vmid}", guest.Vmid.ToString(CultureInfo.InvariantCulture) };
            var resource = (await api.GetAsync("/cluster/ha/resources", cancellationToken: cancellationToken).ConfigureAwait(false)).Items().FirstOrDefault(r => sids.Contains(r.String("sid")));
            managed = resource.ValueKind == JsonValueKind.Object;
            haState = managed == true ? resource.String("state") ?? "started" : null;
        }
        catch (ProxmoxApiException)
        {
            // Without the HA read (a token without Sys.Audit), the preview says HA is unknown rather than "not managed".
        }
        var kind = guest.Kind == GuestKind.Vm ? "vm" : "container";
        var action = tool[..tool.IndexOf('_', StringComparison.Ordinal)];
        var effect = action switch
        {
            "stop" when running => $"A hard stop, like pulling the plug: whatever the guest has not written to disk is lost, and its services end abruptly. shutdown_{kind} is the clean way.",
            "shutdown" when running => "A clean shutdown (ACPI or the guest agent): the guest closes its programs first. One that ignores it keeps running; nothing forces it off.",
            "reboot" when running => "A clean reboot: the guest's services are down until it is back.",
            "suspend" when running => "Pauses the VM in memory: nothing is lost, and it does nothing until resume_vm.",
            "resume" => "Continues a paused VM where it stopped.",
            "start" when !running => "Starts the guest; its services come up as it boots.",
            _ => "The guest is already in that state or cannot take this action now; see the message above.",
        };
        if (managed == true)
        {
            effect += action is "stop" or "shutdown"
                ? " HA manages it: the request goes through the HA manager, which keeps it stopped afterwards; had it gone down any other way, HA would start it again."
                : action == "start" ? " HA manages it: the HA manager starts it and keeps it running." : " HA manages it: if it goes down outside such a request, HA starts it again.";
        }
        return new PowerPreview(Label(guest), state, running ? status.Int64("uptime") : null, managed, haState, effect);
    }

    /// <summary>The command, as the guest would receive it, and whether it would run at all.</summary>
    private ExecPreview? Exec(ProxmoxToolBase tool, IReadOnlyDictionary<string, JsonElement>? arguments, GuestInfo? guest, PreviewLog plan, string? error)
    {
        var seconds = Integer(arguments, ProxmoxToolBase.WaitArgument) ?? DefaultOf(tool, ProxmoxToolBase.WaitArgument) ?? 60;
        var agentRequest = plan.Requests.FirstOrDefault(r => r.Path.EndsWith("/agent/exec", StringComparison.Ordinal));
        var command = plan.Commands.FirstOrDefault();
        IReadOnlyList<string>? argv = agentRequest is not null ? agentRequest.Parameters.Where(p => p.Key == "command").Select(p => p.Value).ToList()
            : command is not null ? command.Argv
            : Requested(arguments);
        if (argv is null)
        {
            return null;
        }
        var container = tool.Definition.Name == "exec_in_container";
        var via = container ? "pct-exec-over-ssh" : options.ExecVia == ExecTransport.Ssh ? "qm-guest-exec-over-ssh" : "qemu-guest-agent";
        var allowed = agentRequest is { Allowed: true } || command is not null;
        return new ExecPreview(
            guest is null ? $"guest {Integer(arguments, "vmid")}" : Label(guest),
            container ? "root (pct exec)" : "root (the guest agent's user)",
            argv.Select(masker.MaskText).ToList(),
            (int)seconds,
            via,
            allowed,
            allowed ? null : agentRequest?.Refusal ?? error ?? "unknown");
    }

    /// <summary>The command as the agent asked for it, for a call that would not get as far as building the line.</summary>
    private static IReadOnlyList<string>? Requested(IReadOnlyDictionary<string, JsonElement>? arguments)
    {
        if (arguments is not null && arguments.TryGetValue("command", out var command) && command.ValueKind == JsonValueKind.Array)
        {
            return command.EnumerateArray().Select(c => c.ToString()).ToList();
        }
        return arguments is not null && arguments.TryGetValue("shell", out var shell) && shell.ValueKind == JsonValueKind.String ? ["/bin/sh", "-c", shell.GetString()!] : null;
    }

    private static long? Integer(IReadOnlyDictionary<string, JsonElement>? arguments, string name) =>
        arguments is not null && arguments.TryGetValue(name, out var value) && ArgumentBinder.TryReadInteger(value, out var number) ? number : null;

    private static long? DefaultOf(ProxmoxToolBase tool, string name) =>
        tool.ProtocolTool.InputSchema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(name, out var property)
        && property.TryGetProperty("default", out var fallback) && fallback.TryGetInt64(out var number) ? number : null;

    private static (OperationRule Operation, IReadOnlyDictionary<string, string> Values)? Operation(PlannedRequest request)
    {
        if (!PathTemplate.TryParse(request.Path, out var segments, out _))
        {
            return null;
        }
        foreach (var operation in PolicyTable.Operations)
        {
            if (operation.Method == request.Method && operation.Path.Match(segments) is { } values)
            {
                return (operation, values);
            }
        }
        return null;
    }

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    private static string? FirstLine(string? text) => text?.Split('\n', 2)[0] is { Length: > 0 } line ? line : null;
}
