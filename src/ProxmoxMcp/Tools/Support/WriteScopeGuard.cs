using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Tools.Support;

/// <summary>
/// PROXMOX_WRITE_SCOPE=tagged: tiers B and C may change only guests carrying the server's tag
/// (PROXMOX_MCP_TAG), i.e. what the agent made itself or what a human tagged for it.
/// </summary>
public sealed class WriteScopeGuard(ProxmoxOptions options)
{
    public void EnsureWritable(GuestInfo guest)
    {
        if (options.WriteScope == WriteScope.Tagged && !guest.Tags.Contains(options.CreatedTag, StringComparer.Ordinal))
        {
            throw new ToolInputException(
                $"{guest.Label} ({guest.Name}) does not carry the tag '{options.CreatedTag}', and PROXMOX_WRITE_SCOPE=tagged limits changes to guests with that tag. " +
                "A human can add the tag in the Proxmox UI if the agent should manage this guest.");
        }
    }
}
