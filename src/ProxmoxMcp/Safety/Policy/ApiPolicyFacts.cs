using System.Text.Json;
using ProxmoxMcp.Api;

namespace ProxmoxMcp.Safety.Policy;

/// <summary>
/// The policy's reads of the cluster's state, over the API client the proxy wraps (not through the
/// proxy: these are fixed reads built here from path values the policy has already checked).
/// </summary>
public sealed class ApiPolicyFacts(IProxmoxApi unguarded) : IPolicyFacts
{
    public async Task<GuestFacts?> FindGuestAsync(int vmid, CancellationToken cancellationToken)
    {
        var resources = await unguarded.GetAsync("/cluster/resources", new ProxmoxParameters().Add("type", "vm"), cancellationToken).ConfigureAwait(false);
        foreach (var item in resources.Items())
        {
            if (item.Int64("vmid") == vmid && item.String("type") is "qemu" or "lxc")
            {
                return new GuestFacts(vmid, item.String("node") ?? string.Empty, item.String("type")!, Rules.TagListRule.Split(item.String("tags")),
                    item.Int64("template") == 1, item.Int64("disk") ?? 0, item.Int64("maxdisk") ?? 0);
            }
        }
        return null;
    }

    public Task<JsonElement> GuestConfigAsync(string node, string apiKind, int vmid, CancellationToken cancellationToken) =>
        unguarded.GetAsync(ApiPath.Build("nodes", node, apiKind, vmid, "config"), cancellationToken: cancellationToken);

    public async Task<long?> LatestBackupBytesAsync(string node, string storage, int vmid, CancellationToken cancellationToken)
    {
        var content = await unguarded.GetAsync(ApiPath.Build("nodes", node, "storage", storage, "content"),
            new ProxmoxParameters().Add("content", "backup").Add("vmid", (long)vmid), cancellationToken).ConfigureAwait(false);
        return content.Items().OrderByDescending(v => v.Int64("ctime") ?? 0).Select(v => v.Int64("size")).FirstOrDefault(size => size is > 0);
    }

    public async Task<long?> StorageAvailableAsync(string node, string storage, CancellationToken cancellationToken)
    {
        try
        {
            var status = await unguarded.GetAsync(ApiPath.Build("nodes", node, "storage", storage, "status"), cancellationToken: cancellationToken).ConfigureAwait(false);
            return status.Int64("avail");
        }
        catch (ProxmoxApiException exception) when (exception.StatusCode is 400 or 500)
        {
            return null;
        }
    }
}
