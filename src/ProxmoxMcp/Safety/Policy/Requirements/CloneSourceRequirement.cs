using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>
/// A clone copies its source: its tags, its data and every option it has. So the source may not carry
/// the exec tag (the clone would inherit in-guest execution), may not hold anything this server would
/// never set itself (a hook script, raw QEMU arguments, host devices, a privileged container, host
/// mounts, raw lxc keys: the agent would own a copy of a human's host access), and with
/// PROXMOX_WRITE_SCOPE=tagged it must carry the server's tag or be a template (a copy of an untagged
/// guest is a copy of data outside the agent's scope).
/// </summary>
public sealed class CloneSourceRequirement : PolicyRequirement
{
    /// <summary>Keys a clone may carry over although this server never sets them: they belong to the source's own state.</summary>
    private static readonly HashSet<string> Inherent = new(StringComparer.Ordinal) { "template", "lock", "unused[n]", "digest" };

    public override async Task<string?> CheckAsync(PolicyContext context)
    {
        var vmid = context.PathVmid ?? 0;
        var settings = context.Settings;
        var source = await context.Facts.FindGuestAsync(vmid, context.CancellationToken).ConfigureAwait(false);
        if (settings.ExecAllowTag is { } exec && source is not null && source.Tags.Contains(exec, StringComparer.OrdinalIgnoreCase))
        {
            return $"guest {vmid} carries '{exec}', the tag PROXMOX_EXEC_ALLOW grants in-guest execution with, and a clone would copy it; a human can clone it";
        }
        var config = await context.Facts.GuestConfigAsync(context.Node, context.PathKind ?? "qemu", vmid, context.CancellationToken).ConfigureAwait(false);
        if (config.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return $"the configuration of guest {vmid} could not be read";
        }
        var template = config.TryGetProperty("template", out var t) && t.ToString() == "1";
        if (settings.WriteScope == WriteScope.Tagged && !template && (source is null || !source.Tags.Contains(settings.CreatedTag, StringComparer.Ordinal)))
        {
            return $"guest {vmid} is neither a template nor tagged '{settings.CreatedTag}', and PROXMOX_WRITE_SCOPE=tagged keeps copies of other guests' data out of reach";
        }
        foreach (var property in config.EnumerateObject())
        {
            if (HostReach(context.PathKind, property.Name, property.Value.ToString()) is { } why)
            {
                return $"guest {vmid} has {property.Name}, which {why}; a clone would hand the agent a copy of it, so only a human may clone this guest";
            }
        }
        return null;
    }

    /// <summary>Why an option of the source reaches outside the guest, or null.</summary>
    private static string? HostReach(string? kind, string key, string value)
    {
        if (key.StartsWith("lxc.", StringComparison.Ordinal))
        {
            return "is a raw LXC setting";
        }
        var stem = key.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        var name = stem.Length < key.Length ? stem + "[n]" : key;
        if (!Inherent.Contains(name) && DestructivePolicy.NeverSentReason(key) is { } reason)
        {
            return reason.StartsWith("it ", StringComparison.Ordinal) ? reason[3..] : reason;
        }
        if (kind == "lxc" && key == "unprivileged" && value != "1")
        {
            return "makes it a privileged container, root on the node";
        }
        if (kind == "lxc" && key == "features" && PolicyTable.ContainerFeaturesRule.Problem(value) is not null)
        {
            return "enables features beyond nesting and keyctl";
        }
        if (kind == "lxc" && (key == "unprivileged" || key == "features"))
        {
            return null;
        }
        if (kind == "qemu" && stem == "serial" && value != "socket")
        {
            return "connects a host serial device";
        }
        if (System.Text.RegularExpressions.Regex.IsMatch(key, @"^((scsi|virtio|sata|ide|mp)\d+|rootfs|efidisk0|tpmstate0)$") && SpaceCheck.StorageOf(value) is null && !value.StartsWith("none", StringComparison.Ordinal))
        {
            return "is a host path or device";
        }
        return null;
    }

    public override string Canonical => "clone-source(no exec tag, no host reach, write scope unless template)";
}
