namespace ProxmoxMcp.Safety.Policy.Rules;

/// <summary>A CD drive holding an ISO image from a storage, or empty: never the host's own drive (<c>cdrom</c>) or a host path.</summary>
public sealed class CdromRule : ParameterRule
{
    private static readonly PatternRule Shape = new(
        @"^(none|[a-z][a-z0-9_.-]{0,62}[a-z0-9]:iso/[A-Za-z0-9][A-Za-z0-9_.+-]{0,200}),media=cdrom$",
        "an ISO image as STORAGE:iso/FILE,media=cdrom (or none,media=cdrom)", "local:iso/debian.iso,media=cdrom");

    public override string? Problem(string value) => Shape.Problem(value);

    public override string Canonical => "cdrom(" + Shape.Pattern + ")";

    public override string Example => Shape.Example;
}
