using System.Globalization;
using System.Text;

namespace ProxmoxMcp.Safety.Policy;

/// <summary>
/// One allowed operation: the method and the schema's path template, why it is allowed, who may send
/// it, every parameter it may carry with the rule for its value, which of them must be present, and
/// the requirements on settings and cluster state that are checked after the parameters.
/// Anything not named here is refused.
/// </summary>
public sealed class OperationRule
{
    private readonly Dictionary<string, ParameterSpec> _parameters = new(StringComparer.Ordinal);
    private readonly List<string> _required = [];
    private readonly List<PolicyRequirement> _requirements = [];

    internal OperationRule(string method, string template, string purpose, ReadAudience audience)
    {
        Method = method;
        Path = new PathTemplate(template);
        Purpose = purpose;
        Audience = audience;
    }

    public string Method { get; }

    public PathTemplate Path { get; }

    public string Purpose { get; }

    /// <summary>For GETs: who may send it. Writes are for every tool unless a requirement says otherwise.</summary>
    public ReadAudience Audience { get; }

    /// <summary>"METHOD template", as the schema and the tests name operations.</summary>
    public string Key => $"{Method} {Path.Text}";

    public IReadOnlyCollection<ParameterSpec> Parameters => _parameters.Values;

    public IReadOnlyList<string> Required => _required;

    public IReadOnlyList<PolicyRequirement> Requirements => _requirements;

    /// <summary>For GETs: any query parameter of plain name and one-line value (reads carry filters, not actions).</summary>
    public bool AnyQueryParameter { get; private set; }

    /// <summary>The parameter holding the id of the guest this operation creates, if it creates one.</summary>
    public string? CreatesGuestIn { get; private set; }

    internal OperationRule Param(string name, ParameterRule rule, bool required = false, bool repeatable = false)
    {
        var indexed = name.EndsWith("[n]", StringComparison.Ordinal);
        if (indexed)
        {
            throw new ArgumentException($"Indexed parameter {name} needs its highest index: use Indexed().", nameof(name));
        }
        _parameters.Add(name, new ParameterSpec(name, rule, null, repeatable));
        if (required)
        {
            _required.Add(name);
        }
        return this;
    }

    internal OperationRule Indexed(string name, int maxIndex, ParameterRule rule)
    {
        _parameters.Add(name, new ParameterSpec(name, rule, maxIndex));
        return this;
    }

    internal OperationRule Requires(PolicyRequirement requirement)
    {
        _requirements.Add(requirement);
        return this;
    }

    internal OperationRule AnyQuery()
    {
        AnyQueryParameter = true;
        return this;
    }

    internal OperationRule CreatesGuest(string parameter)
    {
        CreatesGuestIn = parameter;
        return this;
    }

    /// <summary>The spec for a request key: exact, or an indexed key such as net0 within its range.</summary>
    public ParameterSpec? FindParameter(string key)
    {
        if (_parameters.TryGetValue(key, out var exact) && !exact.IsIndexed)
        {
            return exact;
        }
        var digits = 0;
        while (digits < key.Length && char.IsAsciiDigit(key[key.Length - 1 - digits]))
        {
            digits++;
        }
        if (digits == 0 || digits == key.Length || digits > 3 || (digits > 1 && key[^digits] == '0'))
        {
            return null;
        }
        var stem = key[..^digits];
        var index = int.Parse(key[^digits..], CultureInfo.InvariantCulture);
        return _parameters.TryGetValue(stem + "[n]", out var indexed) && indexed.MaxIndex >= index ? indexed : null;
    }

    /// <summary>The rule's stable printed form: part of the registry checksum's safety surface in review.</summary>
    public string Canonical
    {
        get
        {
            var builder = new StringBuilder(Key).Append(" [").Append(Audience).Append("] ").Append(Purpose);
            if (AnyQueryParameter)
            {
                builder.Append(" query=*");
            }
            foreach (var parameter in _parameters.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                builder.Append("\n  ").Append(_required.Contains(parameter.Name) ? "!" : string.Empty).Append(parameter.Canonical);
            }
            foreach (var requirement in _requirements)
            {
                builder.Append("\n  requires ").Append(requirement.Canonical);
            }
            return builder.ToString();
        }
    }
}
