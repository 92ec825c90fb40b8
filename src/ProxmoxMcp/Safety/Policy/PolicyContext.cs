using System.Globalization;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Safety.Policy;

/// <summary>One request being decided: the operation it matched, the decoded path values, the settings, the caller and the facts reader.</summary>
public sealed class PolicyContext(ApiRequest request, OperationRule operation, IReadOnlyDictionary<string, string> pathValues,
    ProxmoxOptions settings, PolicyCaller caller, IPolicyFacts? facts, CreatedGuests created, CancellationToken cancellationToken)
{
    public ApiRequest Request { get; } = request;

    public OperationRule Operation { get; } = operation;

    public IReadOnlyDictionary<string, string> PathValues { get; } = pathValues;

    public ProxmoxOptions Settings { get; } = settings;

    public PolicyCaller Caller { get; } = caller;

    public CreatedGuests Created { get; } = created;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The facts reader; a requirement that needs it refuses when there is none (fail closed).</summary>
    public IPolicyFacts Facts => facts ?? throw new SafetyRefusedException($"{Request.Method} {Request.Path} refused: the policy cannot read the cluster's state to check it.");

    public string Node => PathValues.TryGetValue("node", out var node) ? node : string.Empty;

    /// <summary>The vmid in the path, if the template has one.</summary>
    public int? PathVmid => PathValues.TryGetValue("vmid", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    /// <summary>qemu or lxc, from the path.</summary>
    public string? PathKind => Operation.Path.Text.Contains("/qemu", StringComparison.Ordinal) ? "qemu" : Operation.Path.Text.Contains("/lxc", StringComparison.Ordinal) ? "lxc" : null;

    /// <summary>The last value of a parameter, or null.</summary>
    public string? Parameter(string name) => Request.Parameters.LastOrDefault(p => p.Key == name).Value;
}
