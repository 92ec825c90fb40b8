using System.Globalization;
using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>
/// vzdump. Like the real one, <c>remove</c> defaults to 1 and prunes older backups beyond the
/// storage's keep-last, so a backup sent without remove=0 visibly loses data here too.
/// </summary>
internal static class BackupEndpoints
{
    public static void Map(ApiRouter router, SandboxCluster cluster)
    {
        router.Map("POST", "/nodes/{node}/vzdump",
        [
            P.Node, P.Formatted("vmid", "pve-vmid-list").Opt(), P.Bool("all").Opt(), P.Storage().Opt(),
            P.OneOf("mode", "snapshot", "suspend", "stop").Opt(), P.OneOf("compress", "0", "1", "gzip", "lzo", "zstd").Opt(),
            P.Bool("remove").Opt(), P.Str("notes-template", 1024).Opt(), P.Bool("protected").Opt(), P.Str("prune-backups").Opt(),
        ], request =>
        {
            var storageName = request.Get("storage") ?? "local";
            var storage = StorageEndpoints.RequireStorage(cluster, storageName);
            if (!storage.Content.Contains("backup"))
            {
                throw ApiException.Failed($"can't use storage '{storageName}' for backups - wrong content type");
            }
            var vmids = (request.Get("vmid") ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
                .Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList();
            if (vmids.Count == 0 && !request.Bool("all"))
            {
                throw ApiException.Parameter("vmid", "property is missing and it is not optional");
            }
            foreach (var vmid in vmids)
            {
                ApiEndpoints.Require(request, $"/vms/{vmid}", Privileges.VmBackup);
            }
            ApiEndpoints.Require(request, $"/storage/{storageName}", Privileges.DatastoreAllocateSpace);
            var prune = request.Bool("remove", defaultValue: true);
            var notes = request.Get("notes-template");
            var compress = request.Get("compress") ?? "zstd";
            return cluster.StartTask(request.Node, "vzdump", vmids.Count == 1 ? vmids[0].ToString(CultureInfo.InvariantCulture) : string.Empty, request.Token.TokenId, task =>
            {
                var failures = 0;
                foreach (var vmid in vmids)
                {
                    if (!cluster.Guests.TryGetValue(vmid, out var guest) || guest.Node != request.Node)
                    {
                        task.Log.Add($"ERROR: Backup of VM {vmid} failed - guest {vmid} is not on node '{request.Node}'");
                        failures++;
                        continue;
                    }
                    var extension = guest.Type == GuestType.Qemu ? "vma" : "tar";
                    var suffix = compress is "0" ? string.Empty : compress is "gzip" or "1" ? ".gz" : compress == "lzo" ? ".lzo" : ".zst";
                    var volid = $"{storageName}:backup/vzdump-{guest.Kind}-{vmid}-{ClusterSeeder.Stamp(cluster.Now)}.{extension}{suffix}";
                    cluster.Volumes.Add(new StorageVolume(request.Node, storageName, volid, "backup", extension + suffix, Math.Max(1L << 20, guest.DiskBytes / 4), vmid, cluster.Now,
                        notes?.Replace("{{guestname}}", guest.Name, StringComparison.Ordinal).Replace("{{vmid}}", vmid.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)));
                    task.Log.Add($"INFO: creating vzdump archive '{volid}'");
                    task.Log.Add($"INFO: Finished Backup of VM {vmid}");
                    if (prune && storage.KeepLastBackups > 0)
                    {
                        var old = cluster.Volumes.Where(v => v.Node == request.Node && v.Storage == storageName && v.Content == "backup" && v.Vmid == vmid)
                            .OrderByDescending(v => v.Created).ThenByDescending(v => v.VolId, StringComparer.Ordinal).Skip(storage.KeepLastBackups).ToList();
                        foreach (var volume in old)
                        {
                            cluster.Volumes.Remove(volume);
                            task.Log.Add($"INFO: prune older backup '{volume.VolId}'");
                        }
                    }
                }
                return failures == 0 ? null : $"job errors";
            }, null, $"INFO: starting new backup job: vzdump {string.Join(' ', vmids)} --storage {storageName} --mode {request.Get("mode") ?? "snapshot"}");
        });
    }
}
