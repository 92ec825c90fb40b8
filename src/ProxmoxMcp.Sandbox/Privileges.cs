namespace ProxmoxMcp.Sandbox;

/// <summary>The Proxmox privileges the sandbox checks, and the privilege sets of its three tokens.</summary>
public static class Privileges
{
    public const string SysAudit = "Sys.Audit";
    public const string SysModify = "Sys.Modify";
    public const string SysPowerMgmt = "Sys.PowerMgmt";
    public const string SysSyslog = "Sys.Syslog";
    public const string VmAudit = "VM.Audit";
    public const string VmPowerMgmt = "VM.PowerMgmt";
    public const string VmAllocate = "VM.Allocate";
    public const string VmClone = "VM.Clone";
    public const string VmConfigCpu = "VM.Config.CPU";
    public const string VmConfigMemory = "VM.Config.Memory";
    public const string VmConfigDisk = "VM.Config.Disk";
    public const string VmConfigNetwork = "VM.Config.Network";
    public const string VmConfigOptions = "VM.Config.Options";
    public const string VmConfigCloudinit = "VM.Config.Cloudinit";
    public const string VmConfigCdrom = "VM.Config.CDROM";
    public const string VmConfigHwType = "VM.Config.HWType";
    public const string VmSnapshot = "VM.Snapshot";
    public const string VmSnapshotRollback = "VM.Snapshot.Rollback";
    public const string VmBackup = "VM.Backup";
    public const string VmGuestAgentAudit = "VM.GuestAgent.Audit";
    public const string VmGuestAgentUnrestricted = "VM.GuestAgent.Unrestricted";
    public const string DatastoreAudit = "Datastore.Audit";
    public const string DatastoreAllocateSpace = "Datastore.AllocateSpace";
    public const string DatastoreAllocate = "Datastore.Allocate";
    public const string SdnUse = "SDN.Use";
    public const string SdnAudit = "SDN.Audit";
    public const string PoolAudit = "Pool.Audit";
    public const string PermissionsModify = "Permissions.Modify";

    /// <summary>Only what reading needs.</summary>
    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string> { SysAudit, SysSyslog, VmAudit, DatastoreAudit, PoolAudit, SdnAudit };

    /// <summary>The role the README recommends for this server: read, power, additive provisioning, guest agent.</summary>
    public static readonly IReadOnlySet<string> LeastPrivilege = new HashSet<string>(ReadOnly)
    {
        VmPowerMgmt, VmAllocate, VmClone, VmConfigCpu, VmConfigMemory, VmConfigDisk, VmConfigNetwork, VmConfigOptions,
        VmConfigCloudinit, VmConfigCdrom, VmConfigHwType, VmSnapshot, VmBackup, VmGuestAgentAudit, VmGuestAgentUnrestricted,
        DatastoreAllocateSpace, SdnUse,
    };

    /// <summary>Everything, as root@pam has.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(LeastPrivilege)
    {
        SysModify, SysPowerMgmt, VmSnapshotRollback, DatastoreAllocate, PermissionsModify,
    };
}
