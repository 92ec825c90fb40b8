namespace ProxmoxMcp.Sandbox.Http;

/// <summary>
/// One parameter the sandbox accepts for an operation, declared as the official schema declares it
/// (a test checks every one against pve-apidoc-9.1.3.json). <c>net[n]</c>-style names stand for
/// <c>net0</c>, <c>net1</c>, ... up to <see cref="MaxIndex"/>.
/// </summary>
public sealed record Param(string Name, ParamType Type)
{
    public bool Optional { get; init; }

    public string? Pattern { get; init; }

    public IReadOnlyList<string>? Enum { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>A named format the real server checks (pve-node, pve-vmid, pve-storage-id, pve-configid, ...).</summary>
    public string? Format { get; init; }

    public int MaxIndex { get; init; } = 31;

    public bool IsIndexed => Name.EndsWith("[n]", StringComparison.Ordinal);

    public string IndexPrefix => IsIndexed ? Name[..^3] : Name;

    public Param Opt() => this with { Optional = true };

    public bool Matches(string key)
    {
        if (!IsIndexed)
        {
            return string.Equals(key, Name, StringComparison.Ordinal);
        }
        if (!key.StartsWith(IndexPrefix, StringComparison.Ordinal) || key.Length == IndexPrefix.Length)
        {
            return false;
        }
        var digits = key[IndexPrefix.Length..];
        return digits.All(char.IsAsciiDigit) && int.TryParse(digits, out var index) && index <= MaxIndex && !(digits.Length > 1 && digits[0] == '0');
    }
}
