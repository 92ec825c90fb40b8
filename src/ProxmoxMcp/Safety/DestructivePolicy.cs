using System.Text.RegularExpressions;

namespace ProxmoxMcp.Safety;

/// <summary>
/// Decides whether one Proxmox API request may be sent. Reads (GET) always may; DELETE never may;
/// POST and PUT only for the operations on the allow-list below, and never with a parameter that
/// turns an additive call destructive (delete, force, purge, destroy-unreferenced-disks, remove,
/// archive, restore, skiplock, unusedN, protection=0, and a few more). Everything not named here
/// is refused: the list grows only by a reviewed change.
/// </summary>
public sealed class DestructivePolicy
{
    /// <summary>Parameters refused on every POST and PUT, whatever their value.</summary>
    public static readonly IReadOnlySet<string> ForbiddenParameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "delete", "force", "purge", "destroy-unreferenced-disks", "archive", "restore", "skiplock",
        // A shutdown that ends in a hard stop, a pending-change revert, and restore's unique flag.
        "forceStop", "revert", "unique",
    };

    private static readonly Regex UnusedVolume = new(@"^unused\d+$", RegexOptions.CultureInvariant);

    private static readonly IReadOnlyList<AllowedOperation> Operations =
    [
        new("POST", "/nodes/{node}/qemu/{vmid}/status/(start|stop|shutdown|reboot|suspend|resume)", "VM power state"),
        new("POST", "/nodes/{node}/lxc/{vmid}/status/(start|stop|shutdown|reboot|suspend|resume)", "container power state"),
        new("POST", "/nodes/{node}/qemu", "create a VM"),
        new("POST", "/nodes/{node}/lxc", "create a container"),
        new("POST", "/nodes/{node}/qemu/{vmid}/clone", "clone a VM"),
        new("POST", "/nodes/{node}/lxc/{vmid}/clone", "clone a container"),
        new("POST", "/nodes/{node}/qemu/{vmid}/config", "update VM options"),
        new("PUT", "/nodes/{node}/qemu/{vmid}/config", "update VM options"),
        new("PUT", "/nodes/{node}/lxc/{vmid}/config", "update container options"),
        new("POST", "/nodes/{node}/qemu/{vmid}/snapshot", "take a VM snapshot"),
        new("POST", "/nodes/{node}/lxc/{vmid}/snapshot", "take a container snapshot"),
        new("POST", "/nodes/{node}/vzdump", "back up a guest", RequireNoPruning),
        new("PUT", "/nodes/{node}/qemu/{vmid}/resize", "grow a VM disk", RequireRelativeGrowth),
        new("PUT", "/nodes/{node}/lxc/{vmid}/resize", "grow a container volume", RequireRelativeGrowth),
        new("POST", "/nodes/{node}/qemu/{vmid}/agent/ping", "ping the guest agent"),
        new("POST", "/nodes/{node}/qemu/{vmid}/agent/exec", "run a command in a VM (PROXMOX_ENABLE_EXEC)", RequireExecEnabled),
    ];

    private readonly bool _execEnabled;

    public DestructivePolicy(bool execEnabled)
    {
        _execEnabled = execEnabled;
    }

    /// <summary>The allow-listed POST and PUT operations, as "METHOD template" lines (docs and tests).</summary>
    public static IEnumerable<string> AllowList => Operations.Select(o => $"{o.Method} {o.Template}");

    public PolicyDecision Evaluate(string method, string path, IEnumerable<KeyValuePair<string, string>>? parameters)
    {
        var verb = method.ToUpperInvariant();
        if (verb == "DELETE")
        {
            return PolicyDecision.Refuse($"DELETE {path} refused: this server never deletes anything; deletion stays a human-only action in the Proxmox UI.");
        }
        if (PathProblem(path) is { } problem)
        {
            return PolicyDecision.Refuse($"{verb} {path} refused: {problem}.");
        }
        if (verb == "GET")
        {
            return PolicyDecision.Allow("reads are always allowed");
        }
        if (verb is not ("POST" or "PUT"))
        {
            return PolicyDecision.Refuse($"{verb} {path} refused: only GET, POST and PUT are ever sent.");
        }
        var operation = Operations.FirstOrDefault(o => o.Method == verb && o.Pattern.IsMatch(path));
        if (operation is null)
        {
            return PolicyDecision.Refuse($"{verb} {path} refused: not an operation this server may perform (only reads, power state and additive provisioning are allowed).");
        }
        var list = parameters?.ToList() ?? [];
        foreach (var (key, value) in list)
        {
            if (ForbiddenParameters.Contains(key))
            {
                return PolicyDecision.Refuse($"{verb} {path} refused: the parameter '{key}' can destroy or overwrite data and is never sent.");
            }
            if (UnusedVolume.IsMatch(key))
            {
                return PolicyDecision.Refuse($"{verb} {path} refused: '{key}' refers to a detached disk volume, which only a human may reattach or free.");
            }
            if (key == "protection" && IsFalse(value))
            {
                return PolicyDecision.Refuse($"{verb} {path} refused: protection=0 would lift the guard against removal that a human set.");
            }
            if (key == "remove" && !IsFalse(value))
            {
                return PolicyDecision.Refuse($"{verb} {path} refused: remove={value} would prune older backups.");
            }
        }
        return operation.Rule?.Invoke(this, list) ?? PolicyDecision.Allow(operation.Purpose);
    }

    /// <summary>Throws <see cref="SafetyRefusedException"/> when the request is refused.</summary>
    public void EnsureAllowed(string method, string path, IEnumerable<KeyValuePair<string, string>>? parameters)
    {
        var decision = Evaluate(method, path, parameters);
        if (!decision.Allowed)
        {
            throw new SafetyRefusedException(decision.Reason);
        }
    }

    private static string? PathProblem(string path)
    {
        if (!path.StartsWith('/'))
        {
            return "API paths are relative to /api2/json and start with '/'";
        }
        if (path.IndexOfAny(['?', '#', '\\']) >= 0 || path.Any(char.IsControl) || path.Any(char.IsWhiteSpace))
        {
            return "the path holds a query, fragment, backslash, whitespace or control character";
        }
        var segments = path[1..].Split('/');
        if (path.Length > 1 && segments.Any(s => s.Length == 0 || s == "." || s == ".."))
        {
            return "the path holds an empty or dot segment";
        }
        var decoded = Uri.UnescapeDataString(path);
        if (decoded.Contains("/../", StringComparison.Ordinal) || decoded.Contains("/./", StringComparison.Ordinal) || decoded.EndsWith("/..", StringComparison.Ordinal)
            || path.Contains("%2f", StringComparison.OrdinalIgnoreCase) || path.Contains("%5c", StringComparison.OrdinalIgnoreCase))
        {
            return "the path holds an encoded slash or dot segment";
        }
        return null;
    }

    private static bool IsFalse(string value) =>
        value.Trim().ToLowerInvariant() is "0" or "false" or "no" or "off";

    private static PolicyDecision RequireNoPruning(DestructivePolicy policy, IReadOnlyList<KeyValuePair<string, string>> parameters) =>
        parameters.Any(p => p.Key == "remove" && IsFalse(p.Value))
            ? PolicyDecision.Allow("back up a guest without pruning")
            : PolicyDecision.Refuse("POST vzdump refused: without remove=0, vzdump prunes older backups.");

    private static PolicyDecision RequireRelativeGrowth(DestructivePolicy policy, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var size = parameters.LastOrDefault(p => p.Key == "size").Value;
        return size is not null && Regex.IsMatch(size, @"^\+\d+(\.\d+)?[KMGT]?$", RegexOptions.CultureInvariant)
            ? PolicyDecision.Allow("grow a disk by a relative amount")
            : PolicyDecision.Refuse($"PUT resize refused: size '{size}' is not a relative growth such as +8G; an absolute size could be read as shrinking.");
    }

    private static PolicyDecision RequireExecEnabled(DestructivePolicy policy, IReadOnlyList<KeyValuePair<string, string>> parameters) =>
        policy._execEnabled
            ? PolicyDecision.Allow("run a command in a VM")
            : PolicyDecision.Refuse("POST agent/exec refused: in-guest execution is off; a human can enable it with PROXMOX_ENABLE_EXEC=true.");

    private sealed class AllowedOperation(string method, string template, string purpose, Func<DestructivePolicy, IReadOnlyList<KeyValuePair<string, string>>, PolicyDecision>? rule = null)
    {
        public string Method { get; } = method;

        public string Template { get; } = template;

        public string Purpose { get; } = purpose;

        public Func<DestructivePolicy, IReadOnlyList<KeyValuePair<string, string>>, PolicyDecision>? Rule { get; } = rule;

        public Regex Pattern { get; } = new(
            "^" + Regex.Replace(template, @"\{[a-z]+\}", "[^/]+") + "$",
            RegexOptions.CultureInvariant);
    }
}
