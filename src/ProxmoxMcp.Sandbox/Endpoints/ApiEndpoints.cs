using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>Maps every operation the sandbox serves onto the router.</summary>
public static class ApiEndpoints
{
    public static void MapAll(ApiRouter router, SandboxCluster cluster, SandboxLogins logins)
    {
        AccessEndpoints.Map(router, cluster, logins);
        ClusterEndpoints.Map(router, cluster);
        NodeEndpoints.Map(router, cluster);
        TaskEndpoints.Map(router, cluster);
        StorageEndpoints.Map(router, cluster);
        GuestEndpoints.Map(router, cluster, GuestType.Qemu);
        GuestEndpoints.Map(router, cluster, GuestType.Lxc);
        ProvisionEndpoints.Map(router, cluster);
        SnapshotEndpoints.Map(router, cluster, GuestType.Qemu);
        SnapshotEndpoints.Map(router, cluster, GuestType.Lxc);
        AgentEndpoints.Map(router, cluster);
        BackupEndpoints.Map(router, cluster);
        NodeDiagnosticsEndpoints.Map(router, cluster);
        ClusterDiagnosticsEndpoints.Map(router, cluster);
        GuestDiagnosticsEndpoints.Map(router, cluster, GuestType.Qemu);
        GuestDiagnosticsEndpoints.Map(router, cluster, GuestType.Lxc);
    }

    /// <summary>A permission on the guest in the path.</summary>
    internal static Func<SandboxRequest, (string Path, string[] AnyOf)?> OnVm(params string[] anyOf) =>
        request => ($"/vms/{request.Vmid}", anyOf);

    internal static Func<SandboxRequest, (string Path, string[] AnyOf)?> OnNode(params string[] anyOf) =>
        request => ($"/nodes/{request.Node}", anyOf);

    /// <summary>Checks one privilege inside a handler (for checks that depend on the parameters).</summary>
    internal static void Require(SandboxRequest request, string path, string privilege)
    {
        if (!request.Token.Has(privilege))
        {
            throw new ApiException(403, $"Permission check failed ({path}, {privilege})");
        }
    }

    internal static long Unix(DateTimeOffset time) => time.ToUnixTimeSeconds();
}
