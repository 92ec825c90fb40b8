using System.Text.Json;
using ProxmoxMcp.Api;

namespace ProxmoxMcp.Tools.Support;

/// <summary>One guest as /cluster/resources describes it; the starting point of every guest tool.</summary>
public sealed record GuestInfo(int Vmid, GuestKind Kind, string Node, string Name, string Status, bool Template, IReadOnlyList<string> Tags, string? Pool, string? Lock, JsonElement Raw)
{
    /// <summary>"VM 101" or "container 200", as messages name guests.</summary>
    public string Label => $"{(Kind == GuestKind.Vm ? "VM" : "container")} {Vmid}";

    /// <summary>The API path segment: qemu or lxc.</summary>
    public string ApiKind => Kind == GuestKind.Vm ? "qemu" : "lxc";

    public static GuestInfo? From(JsonElement resource)
    {
        var type = resource.String("type");
        if (type is not ("qemu" or "lxc") || resource.Int64("vmid") is not { } vmid)
        {
            return null;
        }
        return new GuestInfo(
            (int)vmid,
            type == "qemu" ? GuestKind.Vm : GuestKind.Container,
            resource.String("node") ?? "?",
            resource.String("name") ?? string.Empty,
            resource.String("status") ?? "unknown",
            resource.Int64("template") == 1,
            SplitTags(resource.String("tags")),
            resource.String("pool"),
            resource.String("lock"),
            resource);
    }

    public static IReadOnlyList<string> SplitTags(string? tags) =>
        string.IsNullOrWhiteSpace(tags) ? [] : tags.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries);
}
