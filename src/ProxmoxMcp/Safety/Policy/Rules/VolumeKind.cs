namespace ProxmoxMcp.Safety.Policy.Rules;

/// <summary>What a new volume is for; each kind has its own reviewed options.</summary>
public enum VolumeKind
{
    /// <summary>A VM disk: scsiN, virtioN, sataN, ideN.</summary>
    VmDisk,

    /// <summary>A VM's EFI vars disk.</summary>
    EfiDisk,

    /// <summary>A VM's TPM state.</summary>
    TpmState,

    /// <summary>A container's root file system.</summary>
    ContainerRoot,

    /// <summary>A container mount point: needs mp=/path inside the container.</summary>
    MountPoint,
}
