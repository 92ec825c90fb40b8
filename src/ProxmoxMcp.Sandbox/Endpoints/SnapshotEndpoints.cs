using System.Globalization;
using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>Snapshots: list, take, and the destructive two (delete, rollback) implemented for real.</summary>
internal static class SnapshotEndpoints
{
    public static void Map(ApiRouter router, SandboxCluster cluster, GuestType type)
    {
        var kind = type == GuestType.Qemu ? "qemu" : "lxc";
        var prefix = type == GuestType.Qemu ? "qm" : "vz";
        var template = $"/nodes/{{node}}/{kind}/{{vmid}}/snapshot";
        var snapname = P.Formatted("snapname", "pve-configid", 40);

        router.Map("GET", template, [P.Node, P.Vmid], request =>
        {
            var guest = cluster.RequireGuest(request.Node, type, request.Vmid);
            var items = guest.Snapshots.Select(s =>
            {
                var entry = new Dictionary<string, object?>
                {
                    ["name"] = s.Name,
                    ["description"] = s.Description,
                    ["snaptime"] = ApiEndpoints.Unix(s.Time),
                };
                if (s.Parent is { } parent)
                {
                    entry["parent"] = parent;
                }
                if (type == GuestType.Qemu)
                {
                    entry["vmstate"] = s.WithMemory ? 1 : 0;
                }
                return entry;
            }).ToList();
            var current = new Dictionary<string, object?> { ["name"] = "current", ["description"] = "You are here!", ["digest"] = guest.Digest, ["running"] = guest.IsRunning ? 1 : 0 };
            if (guest.CurrentSnapshot is { } parentOfCurrent)
            {
                current["parent"] = parentOfCurrent;
            }
            items.Add(current);
            return items;
        }, ApiEndpoints.OnVm(Privileges.VmAudit));

        router.Map("POST", template, type == GuestType.Qemu
            ? [P.Node, P.Vmid, snapname, P.Str("description").Opt(), P.Bool("vmstate").Opt()]
            : [P.Node, P.Vmid, snapname, P.Str("description").Opt()], request =>
        {
            var guest = cluster.RequireGuest(request.Node, type, request.Vmid);
            cluster.EnsureUnlocked(guest);
            var name = request.Get("snapname")!;
            if (name == "current")
            {
                throw ApiException.Parameter("snapname", "invalid format - snapshot name 'current' is reserved");
            }
            if (guest.Snapshots.Any(s => s.Name == name))
            {
                throw ApiException.Failed($"snapshot name '{name}' already used");
            }
            guest.Lock = "snapshot";
            return cluster.StartTask(request.Node, prefix + "snapshot", guest.Vmid.ToString(CultureInfo.InvariantCulture), request.Token.TokenId, _ =>
            {
                guest.Lock = null;
                guest.Snapshots.Add(new GuestSnapshot(name, request.Get("description") ?? string.Empty, cluster.Now, guest.CurrentSnapshot,
                    request.Bool("vmstate") && guest.IsRunning, new Dictionary<string, string>(guest.Config)));
                guest.CurrentSnapshot = name;
                return null;
            }, null, $"snapshot {name} of {guest.Noun} {guest.Vmid}");
        }, ApiEndpoints.OnVm(Privileges.VmSnapshot));

        router.Map("DELETE", $"{template}/{{snapname}}", [P.Node, P.Vmid, snapname, P.Bool("force").Opt()], request =>
        {
            var guest = cluster.RequireGuest(request.Node, type, request.Vmid);
            var snapshot = Find(guest, request.Get("snapname")!);
            return cluster.StartTask(request.Node, prefix + "delsnapshot", guest.Vmid.ToString(CultureInfo.InvariantCulture), request.Token.TokenId, _ =>
            {
                guest.Snapshots.Remove(snapshot);
                foreach (var child in guest.Snapshots.Where(s => s.Parent == snapshot.Name).ToList())
                {
                    guest.Snapshots[guest.Snapshots.IndexOf(child)] = child with { Parent = snapshot.Parent };
                }
                if (guest.CurrentSnapshot == snapshot.Name)
                {
                    guest.CurrentSnapshot = snapshot.Parent;
                }
                return null;
            });
        }, ApiEndpoints.OnVm(Privileges.VmSnapshot));

        router.Map("POST", $"{template}/{{snapname}}/rollback", [P.Node, P.Vmid, snapname, P.Bool("start").Opt()], request =>
        {
            var guest = cluster.RequireGuest(request.Node, type, request.Vmid);
            cluster.EnsureUnlocked(guest);
            var snapshot = Find(guest, request.Get("snapname")!);
            return cluster.StartTask(request.Node, prefix + "rollback", guest.Vmid.ToString(CultureInfo.InvariantCulture), request.Token.TokenId, _ =>
            {
                guest.Config.Clear();
                foreach (var (key, value) in snapshot.Config)
                {
                    guest.Config[key] = value;
                }
                guest.CurrentSnapshot = snapshot.Name;
                guest.Status = snapshot.WithMemory || request.Bool("start") ? "running" : "stopped";
                return null;
            });
        }, ApiEndpoints.OnVm(Privileges.VmSnapshotRollback));
    }

    private static GuestSnapshot Find(SandboxGuest guest, string name) =>
        guest.Snapshots.FirstOrDefault(s => s.Name == name) ?? throw ApiException.Failed($"snapshot '{name}' does not exist");
}
