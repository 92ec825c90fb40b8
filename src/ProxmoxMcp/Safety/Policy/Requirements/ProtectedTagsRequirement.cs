namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>
/// The tags that grant powers (the exec tag of PROXMOX_EXEC_ALLOW, and PROXMOX_MCP_TAG, which widens
/// PROXMOX_WRITE_SCOPE=tagged) cannot be added or removed by any argument. A new guest may not carry
/// the exec tag and always carries the server's tag; an existing guest keeps exactly the protected tags it has. The one exception is the
/// server itself putting its own tag on a guest it just created or cloned. Proxmox lowercases the tags it
/// is sent (the default tag style), so spellings count as the tag: no other spelling may be sent, and a
/// guest that holds one (case-sensitive tags switched off later, or a hand-edited file) keeps its tags
/// until a human changes them. The checks that grant a power compare exactly, so a variant grants nothing.
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
            if (tag == settings.CreatedTag && context.Created.Contains(vmid))
            {
                // The server tagging a guest it made in this call (a clone carries its source's tags, in
                // whatever spelling): the guest is the agent's, so its own tag is all that must be there.
                if (!wanted.Contains(tag, StringComparer.Ordinal))
                {
                    return $"tags: guest {vmid}, made in this call, carries the server's tag '{tag}'";
                }
                continue;
            }
            var held = current.Where(c => SameTag(c, tag)).ToList();
            var wants = wanted.Where(w => SameTag(w, tag)).ToList();
            // Proxmox lowercases every tag it is sent (the default tag style), so a guest holding another
            // spelling would come out of any write of its tags carrying the protected tag itself.
            if (held.FirstOrDefault(h => h != tag) is { } variant)
            {
                return $"tags: guest {vmid} carries '{variant}', a spelling of '{tag}', which Proxmox may store as '{tag}' on any write of its tags; only a human changes this guest's tags";
            }
            if (wants.FirstOrDefault(w => w != tag) is { } spelled)
            {
                return $"tags: '{spelled}' is a spelling of '{tag}', a tag that grants this server powers; only a human gives it";
            }
            if (held.Count > 0 && wants.Count == 0)
            {
                return $"tags: '{tag}' may not be removed from guest {vmid}; only a human changes the tags that grant this server powers";
            }
            if (held.Count == 0 && wants.Count > 0)
            {
                return $"tags: '{tag}' may not be added to guest {vmid}; only a human grants it (the server tags only guests it creates)";
            }
        }
        return null;
    }

    private static bool SameTag(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    public override string Canonical => "protected-tags(exec tag, PROXMOX_MCP_TAG)";
}
