using System.Globalization;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Safety.Policy.Requirements;

/// <summary>With PROXMOX_WRITE_SCOPE=tagged, the guest acted on carries the server's tag (PROXMOX_MCP_TAG), or is one the server itself just created.</summary>
public sealed class WriteScopeRequirement(GuestIdSource source) : PolicyRequirement
{
    public override async Task<string?> CheckAsync(PolicyContext context)
    {
        if (context.Settings.WriteScope != WriteScope.Tagged)
        {
            return null;
        }
        var text = source == GuestIdSource.Path ? context.PathValues.GetValueOrDefault("vmid") : context.Parameter("vmid");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var vmid))
        {
            return "it names no single guest, and PROXMOX_WRITE_SCOPE=tagged needs one";
        }
        if (context.Created.Contains(vmid))
        {
            // A guest this server just made, not yet tagged: tagging it is what the next request does.
            return null;
        }
        var guest = await context.Facts.FindGuestAsync(vmid, context.CancellationToken).ConfigureAwait(false);
        var tag = context.Settings.CreatedTag;
        return guest is not null && guest.Tags.Contains(tag, StringComparer.Ordinal)
            ? null
            : $"guest {vmid} does not carry the tag '{tag}', and PROXMOX_WRITE_SCOPE=tagged limits changes to guests with that tag";
    }

    public override string Canonical => $"write-scope({source})";
}
