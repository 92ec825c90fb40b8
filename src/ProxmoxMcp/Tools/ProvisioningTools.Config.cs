using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using ProxmoxMcp.Api;
using ProxmoxMcp.Tools.Results;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tools;

/// <summary>
/// Tier C, configuration: set options, never delete them. The digest read just before the change is
/// sent with it, so an edit made meanwhile by someone else fails clearly instead of being overwritten.
/// </summary>
public sealed partial class ProvisioningTools
{
    /// <summary>
    /// Set VM options: cores, memory, net0, a new disk (scsi1=local-lvm:20), cloud-init (ciuser, ipconfig0). Never removes. Most apply at next start.
    /// </summary>
    /// <param name="vmid">The VM id.</param>
    /// <param name="options">By name, e.g. {"memory": 8192, "ipconfig0": "ip=dhcp"}.</param>
    /// <param name="sshKeys">Cloud-init SSH keys (replace the list).</param>
    /// <param name="digest">From vm_config: refuse if changed since.</param>
    /// <param name="node">Its node.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("set_vm_config", ToolTier.Provision)]
    public async Task<ConfigUpdateResult> SetVmConfig(
        [Range(100, 999_999_999)] int vmid,
        IReadOnlyDictionary<string, string>? options = null,
        [RegularExpression(ToolPatterns.SshPublicKey), MaxLength(20)] IReadOnlyList<string>? sshKeys = null,
        [RegularExpression("^[0-9a-f]{40}$")] string? digest = null,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        CancellationToken cancellationToken = default)
    {
        var settings = new Dictionary<string, string>(options ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        ConfigOptionsValidator.Validate(settings, ConfigKeyCatalog.VmUpdate, ["sshkeys", "digest"], "set_vm_config", "VM");
        if (sshKeys is { Count: > 0 })
        {
            // Proxmox stores the key list URL-encoded (format "urlencoded"), newline-separated.
            settings["sshkeys"] = Uri.EscapeDataString(string.Join('\n', sshKeys));
        }
        return await UpdateConfigAsync(GuestKind.Vm, vmid, node, settings, digest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Set container options: cores, memory, net0, features, a new mount point (mp0=local-lvm:10,mp=/data). Never removes.
    /// </summary>
    /// <param name="vmid">The container id.</param>
    /// <param name="options">By name, e.g. {"cores": 2, "memory": 2048}.</param>
    /// <param name="digest">From container_config: refuse if changed since.</param>
    /// <param name="node">Its node.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("set_container_config", ToolTier.Provision)]
    public async Task<ConfigUpdateResult> SetContainerConfig(
        [Range(100, 999_999_999)] int vmid,
        IReadOnlyDictionary<string, string> options,
        [RegularExpression("^[0-9a-f]{40}$")] string? digest = null,
        [RegularExpression(ToolPatterns.Node)] string? node = null,
        CancellationToken cancellationToken = default)
    {
        var settings = new Dictionary<string, string>(options, StringComparer.Ordinal);
        ConfigOptionsValidator.Validate(settings, ConfigKeyCatalog.ContainerUpdate, ["digest"], "set_container_config", "container");
        return await UpdateConfigAsync(GuestKind.Container, vmid, node, settings, digest, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ConfigUpdateResult> UpdateConfigAsync(GuestKind kind, int vmid, string? node, Dictionary<string, string> settings, string? expectedDigest, CancellationToken cancellationToken)
    {
        if (settings.Count == 0)
        {
            throw new ToolInputException("Nothing to change: pass at least one option.");
        }
        var guest = await locator.LocateAsync(vmid, node, kind, cancellationToken).ConfigureAwait(false);
        scope.EnsureWritable(guest);
        var path = ApiPath.Build("nodes", guest.Node, guest.ApiKind, vmid, "config");
        var current = await api.GetAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        var digest = current.String("digest") ?? string.Empty;
        if (expectedDigest is not null && !string.Equals(expectedDigest, digest, StringComparison.Ordinal))
        {
            throw new ToolInputException($"The configuration of {guest.Label} changed since the digest you passed was read; read it again ({(kind == GuestKind.Vm ? "vm_config" : "container_config")}) and retry.");
        }

        var kept = string.Empty;
        if (settings.TryGetValue("tags", out var tags))
        {
            settings["tags"] = KeepProtectedTags(guest, tags, current.String("tags"));
            var dropped = GuestInfo.SplitTags(settings["tags"]).Except(GuestInfo.SplitTags(tags), StringComparer.Ordinal).ToList();
            kept = dropped.Count == 0 ? string.Empty : $" Kept the tag(s) {string.Join(", ", dropped)}: only a human removes the tags that grant this server powers.";
        }

        var changes = new List<ConfigChange>();
        var update = new ProxmoxParameters();
        foreach (var (key, value) in settings.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var before = current.String(key);
            if (ConfigKeyCatalog.IsVolumeKey(key))
            {
                if (before is not null)
                {
                    throw new ToolInputException($"{key} already holds a volume ({before}); replacing it would detach that volume, so nothing was changed. Use a free {Regex.Replace(key, @"\d+$", string.Empty)}N key to add a disk, or resize_disk to grow this one.");
                }
            }
            if (string.Equals(before, Normalize(key, value), StringComparison.Ordinal))
            {
                continue;
            }
            var secret = ConfigKeyCatalog.IsSecret(key);
            changes.Add(new ConfigChange(key, secret && before is not null ? "(set)" : before, secret ? "(set)" : value));
            update.Add(key, value);
        }
        if (changes.Count == 0)
        {
            return new ConfigUpdateResult(vmid, kind, guest.Node, [], digest, $"{guest.Label} ({guest.Name}) already has these values; nothing changed.{kept}");
        }
        await PreflightAsync("PUT", path, WithDigest(update, digest), cancellationToken).ConfigureAwait(false);
        var tool = kind == GuestKind.Vm ? "set_vm_config" : "set_container_config";
        var safety = await snapshots.TakeAsync(Configuration.SnapshotTrigger.Config, tool, guest, current, $"configuration digest {digest}", cancellationToken).ConfigureAwait(false);
        if (safety?.Name is not null)
        {
            digest = await snapshots.DigestAfterAsync(guest, current, safety, cancellationToken).ConfigureAwait(false);
        }
        update = WithDigest(update, digest);
        try
        {
            await api.PutAsync(path, update, cancellationToken).ConfigureAwait(false);
        }
        catch (ProxmoxApiException exception) when (exception.ServerMessage.StartsWith("detected modified configuration", StringComparison.Ordinal))
        {
            throw new ToolInputException($"Someone else changed the configuration of {guest.Label} at the same moment, so this change was not applied (nothing was overwritten). Read it again with {(kind == GuestKind.Vm ? "vm_config" : "container_config")} and retry.");
        }
        var after = await api.GetAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        var restart = guest.Status == "running" ? " Running guests pick up most changes at their next reboot." : string.Empty;
        return new ConfigUpdateResult(vmid, kind, guest.Node, changes, after.String("digest") ?? string.Empty,
            $"{changes.Count} option(s) of {guest.Label} ({guest.Name}) changed.{restart}{kept}{(safety is null ? string.Empty : " " + SafetySnapshot.Describe(safety))}", safety);
    }

    /// <summary>The change with the digest it must apply on (the one read, or the one after a safety snapshot).</summary>
    private static ProxmoxParameters WithDigest(ProxmoxParameters change, string digest)
    {
        var parameters = new ProxmoxParameters();
        foreach (var (key, value) in change.Where(p => p.Key != "digest"))
        {
            parameters.Add(key, value);
        }
        return parameters.Add("digest", digest);
    }

    /// <summary>
    /// A tags value replaces the whole list. The tags that grant this server powers (the exec tag of
    /// PROXMOX_EXEC_ALLOW and PROXMOX_MCP_TAG) are a human's to give and take: the guest keeps the ones
    /// it has, and asking for one it lacks is refused.
    /// </summary>
    private string KeepProtectedTags(GuestInfo guest, string wanted, string? currentTags)
    {
        var current = GuestInfo.SplitTags(currentTags);
        var tags = GuestInfo.SplitTags(wanted).Distinct(StringComparer.Ordinal).ToList();
        foreach (var tag in Safety.Policy.Requirements.ProtectedTagsRequirement.Protected(options))
        {
            // Proxmox lowercases the tags it is sent (the default tag style), so every spelling counts as the tag.
            if (current.FirstOrDefault(c => c != tag && string.Equals(c, tag, StringComparison.OrdinalIgnoreCase)) is { } variant)
            {
                throw new ToolInputException($"{guest.Label} carries '{variant}', a spelling of '{tag}', a tag that grants this server powers (PROXMOX_EXEC_ALLOW or PROXMOX_WRITE_SCOPE); Proxmox may store it as '{tag}' on any write of the tags, so only a human changes this guest's tags. Nothing was changed.");
            }
            if (tags.FirstOrDefault(t => t != tag && string.Equals(t, tag, StringComparison.OrdinalIgnoreCase)) is { } spelled)
            {
                throw new ToolInputException($"'{spelled}' is a spelling of '{tag}', which grants this server powers over a guest (PROXMOX_EXEC_ALLOW or PROXMOX_WRITE_SCOPE); only a human may add it to {guest.Label}. Nothing was changed.");
            }
            var has = current.Contains(tag, StringComparer.Ordinal);
            if (!has && tags.Contains(tag, StringComparer.Ordinal))
            {
                throw new ToolInputException($"The tag '{tag}' grants this server powers over a guest (PROXMOX_EXEC_ALLOW or PROXMOX_WRITE_SCOPE); only a human may add it to {guest.Label}. Nothing was changed.");
            }
            if (has && !tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }
        }
        return string.Join(';', tags);
    }

    /// <summary>Proxmox writes booleans as 1/0; compare in that form so true == 1 is no change.</summary>
    private static string Normalize(string key, string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => "1",
        "false" or "no" or "off" => "0",
        _ => value,
    };
}
