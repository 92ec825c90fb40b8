using System.Text.Json;
using ProxmoxMcp.Api;

namespace ProxmoxMcp.Safety.Snapshots;

/// <summary>
/// Whether Proxmox can snapshot a guest's volume, from its storage's type and, on file storages, the volume's
/// format, as the Proxmox VE storage documentation lists it: ZFS, LVM-thin, Ceph RBD and Btrfs take snapshots;
/// directory, NFS, CIFS, GlusterFS and CephFS only of qcow2 VM disks (not raw ones, not container volumes);
/// LVM only with snapshot-as-volume-chain (Proxmox VE 9, VM disks); iSCSI and the others never.
/// </summary>
public static class SnapshotSupport
{
    private static readonly string[] Always = ["zfspool", "zfs", "lvmthin", "rbd", "btrfs"];
    private static readonly string[] QcowOnly = ["dir", "nfs", "cifs", "glusterfs", "cephfs"];

    /// <summary>Null when the volume can be snapshotted; otherwise why not, in words a person can act on.</summary>
    /// <param name="key">The disk's key (scsi0, rootfs, mp0...).</param>
    /// <param name="volume">The disk's value, e.g. local-lvm:vm-100-disk-0,size=32G.</param>
    /// <param name="storages">GET /storage: the cluster's storage configuration.</param>
    /// <param name="container">Whether the guest is a container.</param>
    public static string? Problem(string key, string volume, JsonElement storages, bool container)
    {
        var volid = volume.Split(',')[0];
        var colon = volid.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return $"{key} ({volid}) is not a volume on a Proxmox storage";
        }
        var id = volid[..colon];
        var storage = storages.Items().FirstOrDefault(s => s.String("storage") == id);
        var type = storage.ValueKind == JsonValueKind.Object ? storage.String("type") : null;
        if (type is null)
        {
            return $"{key} is on storage '{id}', which is not in the cluster's storage configuration";
        }
        if (Always.Contains(type, StringComparer.Ordinal))
        {
            return null;
        }
        var file = volid[(colon + 1)..];
        var format = file.Contains('.', StringComparison.Ordinal) ? file[(file.LastIndexOf('.') + 1)..] : container ? "subvol" : "raw";
        if (QcowOnly.Contains(type, StringComparer.Ordinal))
        {
            return !container && format == "qcow2" ? null : $"{key} is a {format} volume on {type} storage '{id}', where Proxmox snapshots only qcow2 VM disks";
        }
        if (type == "lvm")
        {
            return !container && storage.Int64("snapshot-as-volume-chain") == 1 ? null : $"{key} is on LVM storage '{id}', which takes snapshots only with snapshot-as-volume-chain (Proxmox VE 9, VM disks)";
        }
        return $"{key} is on {type} storage '{id}', which takes no snapshots";
    }
}
