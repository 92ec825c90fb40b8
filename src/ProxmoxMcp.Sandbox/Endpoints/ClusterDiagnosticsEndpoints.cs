using System.Globalization;
using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>
/// The cluster-wide reads an administrator checks: cluster log, HA, Ceph, replication, backup jobs and
/// what they leave out, SDN, users with their tokens, ACLs, and the cluster firewall.
/// </summary>
internal static class ClusterDiagnosticsEndpoints
{
    public static void Map(ApiRouter router, SandboxCluster cluster)
    {
        router.Map("GET", "/cluster/log", [P.Int("max", 1).Opt()], request =>
        {
            var max = (int)(request.Int("max") ?? 50);
            var entries = cluster.Tasks.SelectMany(t => TaskLines(t)).Concat(cluster.Log)
                // Without Sys.Syslog on / the real server shows a user only their own lines.
                .Where(e => request.Token.Has(Privileges.SysSyslog) || e.User == request.Token.User || e.User == request.Token.TokenId)
                .OrderByDescending(e => e.Time)
                .Take(max)
                .ToList();
            return entries.Select((e, i) => new Dictionary<string, object?>
            {
                ["uid"] = entries.Count - i, ["time"] = e.Time.ToUnixTimeSeconds(), ["pri"] = e.Priority, ["tag"] = e.Tag, ["node"] = e.Node,
                ["pid"] = 1400 + (e.Message.Length % 97), ["user"] = e.User, ["msg"] = e.Message, ["id"] = $"{(entries.Count - i):x8}:{e.Time.ToUnixTimeSeconds():x8}",
            }).ToList();
        });

        router.Map("GET", "/cluster/ha/status/current", [], _ =>
        {
            var master = cluster.Nodes.First(n => n.Online).Name;
            var items = new List<Dictionary<string, object?>>
            {
                new() { ["id"] = "quorum", ["type"] = "quorum", ["node"] = master, ["status"] = "OK", ["quorate"] = 1 },
            };
            if (cluster.HaResources.Count == 0)
            {
                return items;
            }
            var stamp = cluster.Now.AddSeconds(-5).ToUnixTimeSeconds();
            items.Add(new() { ["id"] = "master", ["type"] = "master", ["node"] = master, ["status"] = $"{master} (active, {cluster.Now.UtcDateTime:ddd MMM d HH:mm:ss yyyy})", ["timestamp"] = stamp });
            foreach (var node in cluster.Nodes)
            {
                items.Add(new()
                {
                    ["id"] = $"lrm:{node.Name}", ["type"] = "lrm", ["node"] = node.Name, ["timestamp"] = stamp,
                    ["status"] = node.Online ? $"{node.Name} (active, {cluster.Now.UtcDateTime:ddd MMM d HH:mm:ss yyyy})" : $"{node.Name} (old timestamp - dead?, {cluster.Now.AddHours(-2).UtcDateTime:ddd MMM d HH:mm:ss yyyy})",
                });
            }
            foreach (var resource in cluster.HaResources)
            {
                var node = GuestOf(cluster, resource)?.Node ?? master;
                items.Add(new()
                {
                    ["id"] = $"service:{resource.Sid}", ["type"] = "service", ["sid"] = resource.Sid, ["node"] = node, ["state"] = resource.State,
                    ["crm_state"] = resource.State, ["request_state"] = resource.RequestState, ["status"] = resource.State,
                    ["max_restart"] = resource.MaxRestart, ["max_relocate"] = resource.MaxRelocate, ["failback"] = 1,
                });
            }
            return items;
        }, _ => ("/", [Privileges.SysAudit]));

        router.Map("GET", "/cluster/ha/resources", [P.OneOf("type", "ct", "vm").Opt()], request =>
            cluster.HaResources.Where(r => request.Get("type") is not { } type || r.Sid.StartsWith(type + ":", StringComparison.Ordinal)).Select(r =>
            {
                var entry = new Dictionary<string, object?>
                {
                    ["sid"] = r.Sid, ["type"] = r.Sid.Split(':')[0], ["state"] = r.RequestState, ["max_restart"] = r.MaxRestart, ["max_relocate"] = r.MaxRelocate,
                    ["digest"] = "3b7e0d1c2a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d",
                };
                if (r.Comment is { } comment)
                {
                    entry["comment"] = comment;
                }
                return entry;
            }).ToList(), _ => ("/", [Privileges.SysAudit]));

        router.Map("GET", "/cluster/ceph/status", [], _ => CephStatus(RequireCeph(cluster)), _ => ("/", [Privileges.SysAudit, Privileges.DatastoreAudit]));

        router.Map("GET", "/nodes/{node}/ceph/osd", [P.Node], request =>
        {
            cluster.RequireNode(request.Node);
            var ceph = RequireCeph(cluster);
            var hosts = ceph.Osds.GroupBy(o => o.Host).Select((group, i) => new Dictionary<string, object?>
            {
                ["id"] = -2 - i, ["name"] = group.Key, ["type"] = "host", ["status"] = null,
                ["children"] = group.Select(o => new Dictionary<string, object?>
                {
                    ["id"] = o.Id, ["name"] = $"osd.{o.Id}", ["type"] = "osd", ["host"] = o.Host, ["status"] = o.Up ? "up" : "down", ["in"] = o.In ? 1 : 0,
                    ["device_class"] = o.DeviceClass, ["percent_used"] = Math.Round(o.UsedFraction * 100, 2), ["crush_weight"] = 0.9, ["total_space"] = 1_000_000_000_000L,
                    ["bytes_used"] = (long)(o.UsedFraction * 1_000_000_000_000L), ["osdtype"] = "bluestore", ["version"] = "19.2.3", ["leaf"] = 1,
                }).ToList(),
            }).ToList();
            return new Dictionary<string, object?>
            {
                ["flags"] = "sortbitwise,recovery_deletes,purged_snapdirs,pglog_hardlimits",
                ["root"] = new Dictionary<string, object?> { ["id"] = -1, ["name"] = "default", ["type"] = "root", ["children"] = hosts },
            };
        }, _ => ("/", [Privileges.SysAudit, Privileges.DatastoreAudit]));

        router.Map("GET", "/nodes/{node}/ceph/pool", [P.Node], request =>
        {
            cluster.RequireNode(request.Node);
            return RequireCeph(cluster).Pools.Select(p => new Dictionary<string, object?>
            {
                ["pool"] = p.Id, ["pool_name"] = p.Name, ["size"] = p.Size, ["min_size"] = p.MinSize, ["pg_num"] = p.PgNum, ["pg_autoscale_mode"] = "on",
                ["crush_rule"] = 0, ["crush_rule_name"] = "replicated_rule", ["bytes_used"] = p.BytesUsed, ["percent_used"] = p.PercentUsed, ["type"] = "replicated",
            }).ToList();
        }, _ => ("/", [Privileges.SysAudit, Privileges.DatastoreAudit]));

        router.Map("GET", "/cluster/replication", [], request =>
            cluster.ReplicationJobs.Where(_ => request.Token.Has(Privileges.VmAudit)).Select(j =>
            {
                var entry = new Dictionary<string, object?>
                {
                    ["id"] = j.Id, ["type"] = "local", ["guest"] = j.Guest, ["jobnum"] = j.JobNumber, ["target"] = j.Target, ["schedule"] = j.Schedule,
                    ["source"] = cluster.Guests.TryGetValue(j.Guest, out var guest) ? guest.Node : null,
                };
                if (j.Disabled)
                {
                    entry["disable"] = 1;
                }
                return entry;
            }).ToList());

        router.Map("GET", "/nodes/{node}/replication", [P.Node, P.VmidNamed("guest").Opt()], request =>
        {
            cluster.RequireNode(request.Node);
            return cluster.ReplicationJobs
                .Where(j => request.Token.Has(Privileges.VmAudit) && cluster.Guests.TryGetValue(j.Guest, out var guest) && guest.Node == request.Node)
                .Where(j => request.Int("guest") is not { } only || j.Guest == only)
                .Select(j =>
                {
                    var entry = new Dictionary<string, object?>
                    {
                        ["id"] = j.Id, ["type"] = "local", ["guest"] = j.Guest, ["jobnum"] = j.JobNumber, ["target"] = j.Target, ["schedule"] = j.Schedule,
                        ["vmtype"] = cluster.Guests[j.Guest].Kind, ["fail_count"] = j.FailCount, ["duration"] = j.Duration,
                        ["next_sync"] = (j.LastSync ?? cluster.Now).AddMinutes(15).ToUnixTimeSeconds(),
                    };
                    if (j.LastSync is { } last)
                    {
                        entry["last_sync"] = last.ToUnixTimeSeconds();
                        entry["last_try"] = (j.Error is null ? last : cluster.Now.AddMinutes(-2)).ToUnixTimeSeconds();
                    }
                    if (j.Error is { } error)
                    {
                        entry["error"] = error;
                    }
                    return entry;
                }).ToList();
        });

        router.Map("GET", "/cluster/backup", [], _ => cluster.BackupJobs.Select(j =>
        {
            var entry = new Dictionary<string, object?>
            {
                ["id"] = j.Id, ["type"] = "vzdump", ["schedule"] = j.Schedule, ["storage"] = j.Storage, ["mode"] = j.Mode, ["enabled"] = j.Enabled ? 1 : 0,
                ["compress"] = "zstd", ["notes-template"] = "{{guestname}}",
            };
            if (j.All)
            {
                entry["all"] = 1;
            }
            foreach (var (key, value) in new[] { ("vmid", j.Vmids), ("pool", j.Pool), ("exclude", j.Exclude), ("comment", j.Comment) })
            {
                if (value is not null)
                {
                    entry[key] = value;
                }
            }
            if (j.Enabled)
            {
                entry["next-run"] = NextRun(cluster.Now, j).ToUnixTimeSeconds();
            }
            return entry;
        }).ToList(), _ => ("/", [Privileges.SysAudit]));

        router.Map("GET", "/cluster/backup-info/not-backed-up", [], _ =>
            cluster.Guests.Values.Where(g => !cluster.BackupJobs.Any(j => j.Enabled && Covers(j, g))).Select(g => new Dictionary<string, object?>
            {
                ["vmid"] = g.Vmid, ["name"] = g.Name, ["type"] = g.Kind,
            }).ToList(), _ => ("/", [Privileges.SysAudit]));

        router.Map("GET", "/cluster/sdn/zones",
            [P.Bool("pending").Opt(), P.Bool("running").Opt(), P.OneOf("type", "evpn", "faucet", "qinq", "simple", "vlan", "vxlan").Opt()], request =>
            cluster.SdnZones.Where(z => request.Token.Has(Privileges.SdnAudit) && (request.Get("type") is not { } type || z.Type == type)).Select(z =>
            {
                var entry = new Dictionary<string, object?> { ["zone"] = z.Zone, ["type"] = z.Type, ["ipam"] = "pve", ["digest"] = "5e1f0a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f" };
                if (z.Bridge is { } bridge)
                {
                    entry["bridge"] = bridge;
                }
                return entry;
            }).ToList());

        router.Map("GET", "/cluster/sdn/vnets", [P.Bool("pending").Opt(), P.Bool("running").Opt()], request =>
            cluster.SdnVnets.Where(_ => request.Token.Has(Privileges.SdnAudit)).Select(v =>
            {
                var entry = new Dictionary<string, object?> { ["vnet"] = v.Vnet, ["zone"] = v.Zone, ["type"] = "vnet", ["digest"] = "6f2a0b1c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a" };
                if (v.Tag is { } tag)
                {
                    entry["tag"] = tag;
                }
                if (v.Alias is { } alias)
                {
                    entry["alias"] = alias;
                }
                return entry;
            }).ToList());

        router.Map("GET", "/cluster/sdn/vnets/{vnet}/subnets", [P.Formatted("vnet", "pve-sdn-vnet-id"), P.Bool("pending").Opt(), P.Bool("running").Opt()], request =>
        {
            var vnet = cluster.SdnVnets.FirstOrDefault(v => v.Vnet == request.Get("vnet")) ?? throw ApiException.Failed($"sdn vnet '{request.Get("vnet")}' does not exist");
            return cluster.SdnSubnets.Where(s => s.Vnet == vnet.Vnet && request.Token.Has(Privileges.SdnAudit)).Select(s =>
            {
                var network = s.Cidr.Split('/');
                var entry = new Dictionary<string, object?>
                {
                    ["subnet"] = $"{vnet.Zone}-{network[0]}-{network[1]}", ["id"] = $"{vnet.Zone}-{network[0]}-{network[1]}", ["cidr"] = s.Cidr, ["network"] = network[0],
                    ["mask"] = network[1], ["type"] = "subnet", ["vnet"] = s.Vnet, ["zone"] = vnet.Zone, ["digest"] = "7a3b0c1d2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b",
                };
                if (s.Gateway is { } gateway)
                {
                    entry["gateway"] = gateway;
                }
                if (s.Snat)
                {
                    entry["snat"] = 1;
                }
                return entry;
            }).ToList();
        });

        router.Map("GET", "/access/users", [P.Bool("enabled").Opt(), P.Bool("full").Opt()], request =>
            cluster.Users
                // Everyone sees themselves; Sys.Audit on /access/groups (here: the token has it) shows every user.
                .Where(u => request.Token.Has(Privileges.SysAudit) || u.UserId == request.Token.User)
                .Where(u => !request.Has("enabled") || u.Enabled == request.Bool("enabled"))
                .Select(u =>
                {
                    var entry = new Dictionary<string, object?>
                    {
                        ["userid"] = u.UserId, ["enable"] = u.Enabled ? 1 : 0, ["expire"] = u.Expire?.ToUnixTimeSeconds() ?? 0,
                        ["realm-type"] = u.UserId.Split('@')[1],
                    };
                    if (u.Groups is { } groups)
                    {
                        entry["groups"] = groups;
                    }
                    if (u.Comment is { } comment)
                    {
                        entry["comment"] = comment;
                    }
                    if (request.Bool("full"))
                    {
                        entry["tokens"] = u.Tokens.Select(t =>
                        {
                            var token = new Dictionary<string, object?> { ["tokenid"] = t.TokenId, ["privsep"] = t.PrivilegeSeparation ? 1 : 0, ["expire"] = t.Expire?.ToUnixTimeSeconds() ?? 0 };
                            if (t.Comment is { } tokenComment)
                            {
                                token["comment"] = tokenComment;
                            }
                            return token;
                        }).ToList();
                    }
                    return entry;
                }).ToList());

        router.Map("GET", "/access/acl", [], request =>
            cluster.Acls.Where(_ => request.Token.Has(Privileges.SysAudit)).Select(a => new Dictionary<string, object?>
            {
                ["path"] = a.Path, ["type"] = a.Type, ["ugid"] = a.UgId, ["roleid"] = a.RoleId, ["propagate"] = a.Propagate ? 1 : 0,
            }).ToList());

        router.Map("GET", "/cluster/firewall/options", [], _ => Options(cluster.Firewall), _ => ("/", [Privileges.SysAudit]));

        router.Map("GET", "/cluster/firewall/rules", [], _ => Rules(cluster.Firewall), _ => ("/", [Privileges.SysAudit]));
    }

    internal static Dictionary<string, object?> Options(FirewallConfig firewall) =>
        firewall.Options.ToDictionary(o => o.Key, o => (object?)(long.TryParse(o.Value, CultureInfo.InvariantCulture, out var number) ? number : o.Value));

    internal static List<Dictionary<string, object?>> Rules(FirewallConfig firewall) =>
        firewall.Rules.Select((r, pos) =>
        {
            var entry = new Dictionary<string, object?> { ["pos"] = pos, ["type"] = r.Type, ["action"] = r.Action, ["enable"] = r.Enabled ? 1 : 0 };
            foreach (var (key, value) in new[] { ("macro", r.Macro), ("proto", r.Proto), ("source", r.Source), ("dest", r.Dest), ("dport", r.Dport), ("comment", r.Comment) })
            {
                if (value is not null)
                {
                    entry[key] = value;
                }
            }
            return entry;
        }).ToList();

    /// <summary>Whether a backup job includes a guest: all (minus its exclusions), its vmid list, or its pool.</summary>
    internal static bool Covers(BackupJob job, SandboxGuest guest)
    {
        static IEnumerable<string> Ids(string? list) => (list ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
        var id = guest.Vmid.ToString(CultureInfo.InvariantCulture);
        return job.All ? !Ids(job.Exclude).Contains(id) : Ids(job.Vmids).Contains(id) || (job.Pool is not null && job.Pool == guest.Pool);
    }

    private static DateTimeOffset NextRun(DateTimeOffset now, BackupJob job)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddMinutes(job.DailyAtMinutes);
        if (job.Schedule.StartsWith("sun ", StringComparison.Ordinal))
        {
            var days = ((int)DayOfWeek.Sunday - (int)now.UtcDateTime.DayOfWeek + 7) % 7;
            var next = today.AddDays(days);
            return next > now ? next : next.AddDays(7);
        }
        return today > now ? today : today.AddDays(1);
    }

    private static SandboxGuest? GuestOf(SandboxCluster cluster, HaResource resource) =>
        int.TryParse(resource.Sid.Split(':')[1], CultureInfo.InvariantCulture, out var vmid) && cluster.Guests.TryGetValue(vmid, out var guest) ? guest : null;

    private static CephCluster RequireCeph(SandboxCluster cluster) =>
        cluster.Ceph ?? throw ApiException.Failed("binary not installed: /usr/bin/ceph-mon");

    private static Dictionary<string, object?> CephStatus(CephCluster ceph)
    {
        var checks = ceph.Checks.ToDictionary(c => c.Code, c => (object?)new Dictionary<string, object?>
        {
            ["severity"] = c.Severity, ["muted"] = false,
            ["summary"] = new Dictionary<string, object?> { ["message"] = c.Message, ["count"] = 1 },
        });
        return new Dictionary<string, object?>
        {
            ["fsid"] = "8e4b1f2a-3c5d-4e6f-8a9b-0c1d2e3f4a5b",
            ["health"] = new Dictionary<string, object?> { ["status"] = ceph.Health, ["checks"] = checks, ["mutes"] = Array.Empty<object>() },
            ["quorum_names"] = ceph.Osds.Select(o => o.Host).Distinct().ToList(),
            ["osdmap"] = new Dictionary<string, object?>
            {
                ["num_osds"] = ceph.Osds.Count, ["num_up_osds"] = ceph.Osds.Count(o => o.Up), ["num_in_osds"] = ceph.Osds.Count(o => o.In),
            },
            ["pgmap"] = new Dictionary<string, object?>
            {
                ["num_pgs"] = ceph.Pools.Sum(p => p.PgNum), ["bytes_used"] = ceph.Pools.Sum(p => p.BytesUsed), ["bytes_total"] = ceph.Osds.Count * 1_000_000_000_000L,
                ["pgs_by_state"] = new[] { new Dictionary<string, object?> { ["state_name"] = "active+clean", ["count"] = ceph.Pools.Sum(p => p.PgNum) } },
            },
        };
    }

    /// <summary>The lines the cluster log holds for a task: its start, and its end once it stopped.</summary>
    private static IEnumerable<ClusterLogEntry> TaskLines(SandboxTask task)
    {
        yield return new ClusterLogEntry(task.Started, task.Node, task.User, "pvedaemon", 6, $"<{task.User}> starting task {task.Upid}");
        if (task.Ended is { } ended)
        {
            yield return new ClusterLogEntry(ended, task.Node, task.User, "pvedaemon", task.ExitStatus == "OK" ? 6 : task.ExitStatus?.StartsWith("WARNINGS", StringComparison.Ordinal) == true ? 4 : 3, $"<{task.User}> end task {task.Upid} {task.ExitStatus}");
        }
    }
}
