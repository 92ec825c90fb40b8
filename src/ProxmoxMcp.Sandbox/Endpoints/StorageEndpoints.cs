using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>Storages of a node and their content; deleting a volume is implemented for real.</summary>
internal static class StorageEndpoints
{
    public static void Map(ApiRouter router, SandboxCluster cluster)
    {
        router.Map("GET", "/nodes/{node}/storage",
        [
            P.Node, P.Formatted("content", "pve-storage-content-list").Opt(), P.Bool("enabled").Opt(), P.Bool("format").Opt(),
            P.Storage().Opt(), P.Formatted("target", "pve-node").Opt(),
        ], request =>
        {
            var content = request.Get("content")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
            return cluster.Storages
                .Where(s => request.Get("storage") is not { } name || s.Name == name)
                .Where(s => content is null || content.Any(s.Content.Contains))
                .Where(_ => request.Token.Has(Privileges.DatastoreAudit) || request.Token.Has(Privileges.DatastoreAllocateSpace))
                .Select(s =>
                {
                    var used = cluster.UsedBytes(request.Node, s.Name);
                    return new Dictionary<string, object?>
                    {
                        ["storage"] = s.Name,
                        ["type"] = s.Type,
                        ["content"] = string.Join(',', s.Content),
                        ["active"] = 1,
                        ["enabled"] = 1,
                        ["shared"] = 0,
                        ["total"] = s.Total,
                        ["used"] = used,
                        ["avail"] = s.Total - used,
                        ["used_fraction"] = Math.Round((double)used / s.Total, 4),
                    };
                }).ToList();
        });

        router.Map("GET", "/nodes/{node}/storage/{storage}/status", [P.Node, P.Storage()], request =>
        {
            var storage = RequireStorage(cluster, request.Get("storage")!);
            var used = cluster.UsedBytes(request.Node, storage.Name);
            return new Dictionary<string, object?>
            {
                ["type"] = storage.Type,
                ["content"] = string.Join(',', storage.Content),
                ["active"] = 1,
                ["enabled"] = 1,
                ["shared"] = 0,
                ["total"] = storage.Total,
                ["used"] = used,
                ["avail"] = Math.Max(0, storage.Total - used),
            };
        }, request => ($"/storage/{request.Get("storage")}", [Privileges.DatastoreAudit, Privileges.DatastoreAllocateSpace]));

        router.Map("GET", "/nodes/{node}/storage/{storage}/content",
            [P.Node, P.Storage(), P.Formatted("content", "pve-storage-content").Opt(), P.Vmid.Opt()], request =>
        {
            var storage = RequireStorage(cluster, request.Get("storage")!);
            return cluster.VolumesOn(request.Node, storage.Name)
                .Where(v => request.Get("content") is not { } content || v.Content == content)
                .Where(v => request.Int("vmid") is not { } vmid || v.Vmid == vmid)
                .OrderBy(v => v.VolId, StringComparer.Ordinal)
                .Select(v =>
                {
                    var entry = new Dictionary<string, object?>
                    {
                        ["volid"] = v.VolId,
                        ["content"] = v.Content,
                        ["format"] = v.Format,
                        ["size"] = v.Size,
                        ["ctime"] = ApiEndpoints.Unix(v.Created),
                    };
                    if (v.Vmid is { } vmid)
                    {
                        entry["vmid"] = vmid;
                    }
                    if (v.Notes is { } notes)
                    {
                        entry["notes"] = notes;
                    }
                    return entry;
                }).ToList();
        }, request => ($"/storage/{request.Get("storage")}", [Privileges.DatastoreAudit, Privileges.DatastoreAllocateSpace]));

        router.Map("DELETE", "/nodes/{node}/storage/{storage}/content/{volume}", [P.Node, P.Storage().Opt(), P.Str("volume"), P.Int("delay", 1, 30).Opt()], request =>
        {
            var volume = request.Get("volume")!;
            var volid = volume.Contains(':', StringComparison.Ordinal) ? volume : $"{request.Get("storage")}:{volume}";
            if (cluster.Volumes.RemoveAll(v => v.Node == request.Node && v.VolId == volid) == 0)
            {
                throw ApiException.Failed($"volume '{volid}' does not exist");
            }
            return null;
        }, request => ($"/storage/{request.Get("storage")}", [Privileges.DatastoreAllocate]));
    }

    internal static SandboxStorage RequireStorage(SandboxCluster cluster, string name) =>
        cluster.Storages.FirstOrDefault(s => s.Name == name) ?? throw ApiException.Failed($"storage '{name}' does not exist");
}
