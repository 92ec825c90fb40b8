using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Cli;

/// <summary>
/// The privileges the tools need, by tier (the README's recommended role is exactly their union),
/// and those a token for this server should not hold.
/// </summary>
internal static class PrivilegeAdvice
{
    /// <summary>Sys.Syslog for node_diagnostics' journal, SDN.Audit for the SDN aspect of cluster_overview; both read only.</summary>
    public static readonly string[] Read = ["Sys.Audit", "Sys.Syslog", "VM.Audit", "Datastore.Audit", "Pool.Audit", "SDN.Audit", "VM.GuestAgent.Audit"];

    public static readonly string[] Lifecycle = ["VM.PowerMgmt"];

    public static readonly string[] Provision =
    [
        "VM.Allocate", "VM.Clone", "VM.Config.CPU", "VM.Config.Memory", "VM.Config.Disk", "VM.Config.Network", "VM.Config.Options",
        "VM.Config.Cloudinit", "VM.Config.CDROM", "VM.Config.HWType", "VM.Snapshot", "VM.Backup", "Datastore.AllocateSpace", "SDN.Use",
    ];

    public static readonly string[] Exec = ["VM.GuestAgent.Unrestricted"];

    /// <summary>Privileges no tool uses whose loss would hurt most.</summary>
    public static readonly string[] Risky = ["Sys.Modify", "Permissions.Modify", "User.Modify", "Datastore.Allocate", "Sys.PowerMgmt", "Sys.Console", "Realm.Allocate", "VM.Snapshot.Rollback"];

    /// <summary>Everything the enabled tools need; exec through the API adds the unrestricted guest agent privilege.</summary>
    public static IEnumerable<string> Required(ProxmoxOptions options) =>
        Read.Concat(Lifecycle).Concat(Provision).Concat(options.EnableExec && options.ExecVia == ExecTransport.Agent ? Exec : []);
}
