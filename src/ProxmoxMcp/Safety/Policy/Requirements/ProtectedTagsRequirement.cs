namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>
/// The tags that grant powers (the exec tag of PROXMOX_EXEC_ALLOW, and PROXMOX_MCP_TAG, which widens
/// PROXMOX_WRITE_SCOPE=tagged) cannot be added or removed by any argument. A new guest may not carry
/// the exec tag and always carries the server's tag; an existing guest keeps exactly the protected tags it has. The one exception is the
/// server itself putting its own tag on a guest it just created or cloned. Protected tags are compared
/// without case here (Proxmox treats "Exec" and "exec" as one tag), so no spelling of one can be added or
/// dropped; the checks that grant a power compare exactly, so a variant never grants it.
/// </summary>
public sealed class ProtectedTagsRequirement : PolicyRequirement
{
    public static IReadOnlyList<string> Protected(Configuration.ProxmoxOptions settings) =>
        settings.ExecAllowTag is { } exec ? [exec, settings.CreatedTag] : [settings.CreatedTag];

    public override async Task<string?> CheckAsync(PolicyContext context)
    {
        var settings = context.Settings;
        var value = context.Parameter("tags");
        if (context.PathVmid is not { } vmid)
        {
            // A new guest: it carries the server's tag (so it is the agent's to manage) and never the exec tag.
            var tags = Rules.TagListRule.Split(value);
            if (settings.ExecAllowTag is { } exec && tags.Contains(exec, StringComparer.OrdinalIgnoreCase))
            {
                return $"tags: a new guest may not carry '{exec}', the tag PROXMOX_EXEC_ALLOW grants in-guest execution with";
            }
            return tags.Contains(settings.CreatedTag, StringComparer.Ordinal) ? null : $"tags: a new guest carries the server's tag '{settings.CreatedTag}'";
        }
        if (value is null)
        {
            return null;
        }
        var wanted = Rules.TagListRule.Split(value);
        var config = await context.Facts.GuestConfigAsync(context.Node, context.PathKind ?? "qemu", vmid, context.CancellationToken).ConfigureAwait(false);
        var current = Rules.TagListRule.Split(config.ValueKind == System.Text.Json.JsonValueKind.Object && config.TryGetProperty("tags", out var t) ? t.ToString() : null);
        foreach (var tag in Protected(settings))
        {
            var held = current.FirstOrDefault(c => string.Equals(c, tag, StringComparison.OrdinalIgnoreCase));
            var wants = wanted.FirstOrDefault(w => string.Equals(w, tag, StringComparison.OrdinalIgnoreCase));
            if (held is not null && !wanted.Contains(held, StringComparer.Ordinal))
            {
                return $"tags: '{held}' may not be removed from guest {vmid} or spelled otherwise; only a human changes the tags that grant this server powers";
            }
            if (held is null && wants is not null && !(wanted.Contains(settings.CreatedTag, StringComparer.Ordinal) && tag == settings.CreatedTag && context.Created.Contains(vmid)))
            {
                return $"tags: '{wants}' may not be added to guest {vmid}; only a human grants it (the server tags only guests it creates)";
            }
        }
        return null;
    }

    public override string Canonical => "protected-tags(exec tag, PROXMOX_MCP_TAG)";
}
