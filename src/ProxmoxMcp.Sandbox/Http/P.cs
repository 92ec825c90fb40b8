namespace ProxmoxMcp.Sandbox.Http;

/// <summary>Short constructors for the parameters the sandbox declares, named as the schema names their formats.</summary>
public static class P
{
    public static Param Node { get; } = new("node", ParamType.String) { Format = "pve-node" };

    public static Param Vmid { get; } = VmidNamed("vmid");

    public static Param VmidNamed(string name) => new(name, ParamType.Integer) { Format = "pve-vmid", Minimum = 100, Maximum = 999_999_999 };

    public static Param Storage(string name = "storage") => new(name, ParamType.String) { Format = "pve-storage-id" };

    public static Param Str(string name, int? maxLength = null) => new(name, ParamType.String) { MaxLength = maxLength };

    public static Param Pattern(string name, string pattern) => new(name, ParamType.String) { Pattern = pattern };

    public static Param Formatted(string name, string format, int? maxLength = null) => new(name, ParamType.String) { Format = format, MaxLength = maxLength };

    public static Param Int(string name, double? min = null, double? max = null) => new(name, ParamType.Integer) { Minimum = min, Maximum = max };

    public static Param Num(string name, double? min = null, double? max = null) => new(name, ParamType.Number) { Minimum = min, Maximum = max };

    public static Param Bool(string name) => new(name, ParamType.Boolean);

    public static Param OneOf(string name, params string[] values) => new(name, ParamType.String) { Enum = values };

    public static Param Array(string name) => new(name, ParamType.Array);

    public static Param Indexed(string prefix, int maxIndex, string? format = null) =>
        new(prefix + "[n]", ParamType.String) { MaxIndex = maxIndex, Format = format };
}
