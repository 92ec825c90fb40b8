using System.Text.RegularExpressions;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Safety.Policy;

namespace ProxmoxMcp.Safety;

/// <summary>
/// Decides whether one Proxmox API request may be sent, deny by default, on values as well as names:
/// the request must match an operation of <see cref="PolicyTable"/>, the caller must be one that
/// operation admits, every parameter must be one the operation may carry and pass its rule, the
/// required ones must be there, and every requirement on settings and cluster state must hold.
/// DELETE never passes; neither does any other method than GET, POST and PUT.
/// </summary>
public sealed partial class DestructivePolicy(ProxmoxOptions settings, IPolicyFacts? facts = null, CreatedGuests? created = null)
{
    private readonly CreatedGuests _created = created ?? new CreatedGuests();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex QueryName();

    private static readonly Policy.Rules.TextRule QueryValue = new(1024);

    public ProxmoxOptions Settings { get; } = settings;

    /// <summary>Everything but the requirements that need the cluster's state: method, path, caller, parameters and their values.</summary>
    public PolicyDecision EvaluateTable(string method, string path, IEnumerable<KeyValuePair<string, string>>? parameters, PolicyCaller? caller = null) =>
        Recorded(Match(ApiRequest.Of(method, path, parameters), caller ?? PolicyCaller.Current, CancellationToken.None).Decision, method, path, parameters);

    /// <summary>
    /// The whole decision: the table, then for a change the <see cref="CallGate"/> (a tool call of an exposed
    /// tier, confirmed where the operator asks for it), then the operation's requirements (these may read
    /// the cluster's state through the facts reader).
    /// </summary>
    public async Task<PolicyDecision> EvaluateAsync(string method, string path, IEnumerable<KeyValuePair<string, string>>? parameters, CancellationToken cancellationToken = default) =>
        Recorded(await DecideAsync(method, path, parameters, cancellationToken).ConfigureAwait(false), method, path, parameters);

    /// <summary>
    /// A refusal is part of the call's record (its audit line), whoever asked: the interceptor or a tool's preflight.
    /// In a dry run it is also the last request the preview lists, with the reason the real call would fail with.
    /// </summary>
    private static PolicyDecision Recorded(PolicyDecision decision, string method, string path, IEnumerable<KeyValuePair<string, string>>? parameters)
    {
        if (!decision.Allowed && PolicyCaller.Current.Call is { } call)
        {
            call.RecordRefusal(decision.Reason);
            call.Preview?.Record(method.ToUpperInvariant(), path, parameters, decision);
        }
        return decision;
    }

    private async Task<PolicyDecision> DecideAsync(string method, string path, IEnumerable<KeyValuePair<string, string>>? parameters, CancellationToken cancellationToken)
    {
        var request = ApiRequest.Of(method, path, parameters);
        var (decision, context) = Match(request, PolicyCaller.Current, cancellationToken);
        if (context is null)
        {
            return decision;
        }
        if (context.Caller.Call?.Preview is { } preview && context.PathVmid is { } planned && preview.Creates(planned))
        {
            // A dry run's request on the guest it would itself create: there is no state to check it against yet.
            // Nothing is sent; the real call meets every requirement against the guest once it exists.
            return decision with { Note = $"checked when it runs, once guest {planned} exists" };
        }
        IEnumerable<Func<PolicyContext, Task<string?>>> checks = context.Operation.Requirements.Select(r => (Func<PolicyContext, Task<string?>>)r.CheckAsync);
        if (request.Method != "GET")
        {
            checks = checks.Prepend(CallGate.ProblemAsync);
        }
        foreach (var check in checks)
        {
            string? problem;
            try
            {
                problem = await check(context).ConfigureAwait(false);
            }
            catch (SafetyRefusedException refusal)
            {
                return PolicyDecision.Refuse(refusal.Message);
            }
            catch (Api.ProxmoxApiException exception)
            {
                problem = $"the cluster's state needed to check it could not be read ({exception.Message})";
            }
            if (problem is not null)
            {
                return PolicyDecision.Refuse($"{request.Method} {request.Path} refused: {problem}.");
            }
        }
        return decision;
    }

    /// <summary>Throws <see cref="SafetyRefusedException"/> when the request is refused.</summary>
    public async Task EnsureAllowedAsync(string method, string path, IEnumerable<KeyValuePair<string, string>>? parameters, CancellationToken cancellationToken = default)
    {
        var decision = await EvaluateAsync(method, path, parameters, cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            throw new SafetyRefusedException(decision.Reason);
        }
    }

    /// <summary>
    /// After an allowed request was sent: remember the clones it started, so the server alone may tag them
    /// (a clone copies its source's tags; the tag is added once it exists), and forget a clone once tagged.
    /// Creates need no entry: they carry the server's tag from the start.
    /// </summary>
    public void RecordSent(string method, string path, IEnumerable<KeyValuePair<string, string>>? parameters)
    {
        var request = ApiRequest.Of(method, path, parameters);
        if (Match(request, PolicyCaller.Current, CancellationToken.None).Context is not { } context)
        {
            return;
        }
        if (context.PathVmid is not null && CreatedGuest(context) is { } vmid)
        {
            _created.Add(vmid);
        }
        else if (method == "PUT" && context.PathVmid is { } tagged && context.Parameter("tags") is { } tags
            && Policy.Rules.TagListRule.Split(tags).Contains(Settings.CreatedTag, StringComparer.Ordinal))
        {
            _created.Remove(tagged);
        }
    }

    /// <summary>The guest an allowed request creates or clones, if it does (a preview remembers it for the requests that follow).</summary>
    public int? CreatedGuest(string method, string path, IEnumerable<KeyValuePair<string, string>>? parameters) =>
        Match(ApiRequest.Of(method, path, parameters), PolicyCaller.Current, CancellationToken.None).Context is { } context ? CreatedGuest(context) : null;

    private static int? CreatedGuest(PolicyContext context) =>
        context.Operation.CreatesGuestIn is { } parameter
        && int.TryParse(context.Parameter(parameter), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var vmid) ? vmid : null;

    /// <summary>Why a parameter is never sent, when the table says so (by name or indexed stem).</summary>
    public static string? NeverSentReason(string key)
    {
        if (PolicyTable.NeverSent.TryGetValue(key, out var reason))
        {
            return reason;
        }
        var stem = key.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        return stem.Length < key.Length && PolicyTable.NeverSent.TryGetValue(stem + "[n]", out var indexed) ? indexed : null;
    }

    private (PolicyDecision Decision, PolicyContext? Context) Match(ApiRequest request, PolicyCaller caller, CancellationToken cancellationToken)
    {
        var verb = request.Method;
        var path = request.Path;
        if (verb == "DELETE")
        {
            return (PolicyDecision.Refuse($"DELETE {path} refused: this server never deletes anything; deletion stays a human-only action in the Proxmox UI."), null);
        }
        if (!PathTemplate.TryParse(path, out var segments, out var pathProblem))
        {
            return (PolicyDecision.Refuse($"{verb} {path} refused: {pathProblem}."), null);
        }
        if (verb is not ("GET" or "POST" or "PUT"))
        {
            return (PolicyDecision.Refuse($"{verb} {path} refused: only GET, POST and PUT are ever sent."), null);
        }

        OperationRule? operation = null;
        IReadOnlyDictionary<string, string>? values = null;
        foreach (var candidate in PolicyTable.Operations)
        {
            if (candidate.Method == verb && candidate.Path.Match(segments) is { } matched)
            {
                operation = candidate;
                values = matched;
                break;
            }
        }
        if (operation is null || values is null)
        {
            return (PolicyDecision.Refuse(verb == "GET"
                ? $"GET {path} refused: not on the reviewed list of reads (guest-agent file reads, URL fetches by the node, backup file listings, scans and consoles are never sent)."
                : $"{verb} {path} refused: not an operation this server may perform (only reads, power state and additive provisioning are allowed)."), null);
        }

        if (operation.Audience == ReadAudience.GuestExec && caller.Role != CallerRole.GuestExec)
        {
            return (PolicyDecision.Refuse($"{verb} {path} refused: only the exec tools read this (reading an exec status consumes it), not {caller.Tool}."), null);
        }
        if (caller.Role == CallerRole.RawRead && operation.Audience != ReadAudience.Everyone)
        {
            return (PolicyDecision.Refuse($"{verb} {path} refused: proxmox_api_get reads only paths that need nothing beyond audit privileges; the guest agent's reads run inside the guest and are left to the tools."), null);
        }

        if (ParameterProblem(operation, request) is { } refusal)
        {
            return (refusal, null);
        }
        var context = new PolicyContext(request, operation, values, Settings, caller, facts, _created, cancellationToken);
        return (PolicyDecision.Allow(operation.Purpose), context);
    }

    private static PolicyDecision? ParameterProblem(OperationRule operation, ApiRequest request)
    {
        var prefix = $"{request.Method} {request.Path} refused: ";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Parameters)
        {
            if (key.Any(char.IsControl))
            {
                return PolicyDecision.Refuse(prefix + "a parameter name holds a control character.", key);
            }
            if (operation.AnyQueryParameter)
            {
                if (!QueryName().IsMatch(key) || QueryValue.Problem(value) is not null || NeverSentReason(key) is not null)
                {
                    return PolicyDecision.Refuse(prefix + $"the query parameter '{key}' is not a plain filter.", key);
                }
                continue;
            }
            var spec = operation.FindParameter(key);
            if (spec is null)
            {
                var why = NeverSentReason(key) is { } reason
                    ? $"'{key}' is never sent: {reason}"
                    : $"'{key}' is not a parameter this server sends to {operation.Purpose}";
                return PolicyDecision.Refuse(prefix + why + ".", key);
            }
            if (value.Any(char.IsControl) && !spec.Rule.AllowsLineBreaks)
            {
                return PolicyDecision.Refuse(prefix + $"'{key}' holds a line break or another control character.", key);
            }
            if (!seen.Add(key) && !spec.Repeatable)
            {
                return PolicyDecision.Refuse(prefix + $"'{key}' is given more than once.", key);
            }
            if (spec.Rule.Problem(value) is { } problem)
            {
                var shown = spec.Rule.IsSecret ? key : $"{key}={Shorten(value)}";
                return PolicyDecision.Refuse(prefix + $"{shown}: {problem}.", key);
            }
        }
        foreach (var required in operation.Required)
        {
            if (!seen.Contains(required))
            {
                return PolicyDecision.Refuse(prefix + $"'{required}' must be sent with it.", required);
            }
        }
        return null;
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
